"""The course's pictures: one module per subject, each ``draw_*`` beside the alt text that
describes it. Every drawing returns an :func:`itband.course.style.new_figure` figure and reads
its numbers from the matching model in :mod:`itband.models`."""
