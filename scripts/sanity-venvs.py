"""Pre-creates ansible-test's per-test sanity virtual environments offline.

ansible-test sanity (2.14) creates one venv per test under ~/.ansible/test/venv
and bootstraps pip into it from the network, which this project cannot reach.
A venv that has its marker.txt is reused as is. This script computes the same
paths ansible-test computes (create_sanity_virtualenv), creates each venv from
the system Python with --system-site-packages, so the test's tools come from
Debian's packages, and writes the marker files.

The import test uses three environments: "import" (controller side) and the
minimised "import.module" and "import.plugin"; name it "import" to get all three.

Usage: sanity-venvs.py TEST [TEST ...]
"""
import json
import os
import sys
import venv

from ansible_test._internal.python_requirements import collect_requirements
from ansible_test._internal.commands.sanity import hash_pip_commands
from ansible_test._internal.host_configs import NativePythonConfig

python = NativePythonConfig(version='%d.%d' % sys.version_info[:2], path=sys.executable)
envs = []
for name in sys.argv[1:]:
    envs.append((name, False))
    if name == 'import':
        envs += [('import.module', True), ('import.plugin', True)]
for name, minimize in envs:
    commands = collect_requirements(python=python, controller=True, virtualenv=False, command=None, ansible=False,
                                    cryptography=False, coverage=False, minimize=minimize, sanity=name)
    label = 'sanity.%s' % name if commands else 'sanity'
    path = os.path.join(os.path.expanduser('~/.ansible/test/venv'), label, python.version, hash_pip_commands(commands))
    if not os.path.exists(os.path.join(path, 'marker.txt')):
        venv.create(path, system_site_packages=True, with_pip=False, clear=True)
        with open(os.path.join(path, 'meta.install.json'), 'w') as f:
            json.dump([c.serialize() for c in commands], f)
        with open(os.path.join(path, 'meta.yaml.json'), 'w') as f:
            json.dump({'yaml': True, 'cloader': True}, f)
        open(os.path.join(path, 'marker.txt'), 'w').close()
    print('%s: %s' % (name, path))
