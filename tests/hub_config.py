"""JupyterHub configuration of the test hub (tests/test_hub.py): ``jupyterhub -f tests/hub_config.py``.

A plain JupyterHub as an instructor would set one up for a trial, on 127.0.0.1 only: the one
student named in ``allowed_users`` signs in with a shared password, and each
student's server is a local process in a home folder of its own (SimpleLocalProcessSpawner), with
JupyterLab and nbgitpuller from the same environment as the hub. configurable-http-proxy (from
npm) is started by the hub. The test sets every value below through environment variables
(``ITBAND_HUB_*``), so that ports are free ones and every file lives in a temporary folder; a
service token lets the test read the hub's and the student's server's REST APIs.
"""
import os
import signal
import sys
import threading
import time
from pathlib import Path

env = os.environ
c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

work = Path(env["ITBAND_HUB_WORK"])

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["ITBAND_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["ITBAND_HUB_API_PORT"])
c.ConfigurableHTTPProxy.command = [env["ITBAND_HUB_PROXY"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['ITBAND_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.pid_file = str(work / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{work / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(work / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(work / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server and the proxy
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.log_level = "INFO"

# One shared password (JupyterHub's SharedPasswordAuthenticator, the successor of
# DummyAuthenticator's password, deprecated since JupyterHub 5.3), for the one allowed student.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env["ITBAND_HUB_PASSWORD"]  # 8 characters or more
c.Authenticator.allowed_users = {env["ITBAND_HUB_USER"]}

c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: no system users needed
c.SimpleLocalProcessSpawner.home_dir_template = str(work / "home" / "{username}")
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = [
    # no news or update checks from JupyterLab: the hub needs no internet
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.news_url=",
    "--LabApp.extension_manager=readonly",
    "--ServerApp.shutdown_no_activity_timeout=900",  # a safety net: an idle server also stops on its own
] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
c.Spawner.environment = {
    "JUPYTERLAB_SETTINGS_DIR": env["ITBAND_HUB_LAB_SETTINGS"],  # tests/lab_helpers.py's LAB_SETTINGS
    "PYTHONUNBUFFERED": "1",
}

c.JupyterHub.services = [{"name": "course-test", "api_token": env["ITBAND_HUB_SERVICE_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "course-test",
    "services": ["course-test"],
    "scopes": ["read:users", "admin:servers", "access:servers"],
}]


# A safety net: if the test process dies without stopping the hub (killed, or the machine's time
# limit), the hub stops itself as on SIGTERM, and so stops the student's server and the proxy.
_test_process = os.getppid()


def _stop_with_the_test():
    while os.getppid() == _test_process:
        time.sleep(2)
    os.kill(os.getpid(), signal.SIGTERM)


threading.Thread(target=_stop_with_the_test, name="stop-with-the-test", daemon=True).start()
