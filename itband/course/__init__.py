"""Course machinery: explorers, quizzes, the evidence registry, the figure style, argument checks."""
