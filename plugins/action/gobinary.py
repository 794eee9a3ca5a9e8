# -*- coding: utf-8 -*-
# Copyright: (c) 2026 flexgo.fortiflexvm developers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs a flexgo.fortiflexvm module: every module is one Go program.

meta/runtime.yml routes every module of the collection to this action plugin.
It picks the build of the multi-call binary for the target's OS and CPU
(the controller itself, or the delegated/remote host), lets Ansible transfer
it and the JSON arguments file as for any binary module, and returns the
module's own result. The Go program dispatches on the module name Ansible
writes into the arguments file (_ansible_module_name).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import platform

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

DOCUMENTATION = r'''
name: gobinary
short_description: Runs the Go binary behind every flexgo.fortiflexvm module
description:
  - Internal to the collection; every module is routed here by meta/runtime.yml.
author: flexgo.fortiflexvm developers (@flexgo)
'''

BINARY_NAME = 'fortiflexvm'
BINARY_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'binaries')

_SYSTEMS = {'linux': 'linux', 'darwin': 'darwin'}
_MACHINES = {'x86_64': 'amd64', 'amd64': 'amd64', 'aarch64': 'arm64', 'arm64': 'arm64'}


def binary_for(system, machine):
    """Path of the binary for a `uname -s` / `uname -m` pair, or a failure that says what is supported."""
    goos = _SYSTEMS.get(system.strip().lower())
    goarch = _MACHINES.get(machine.strip().lower())
    if not goos or not goarch:
        raise AnsibleActionFail(
            'flexgo.fortiflexvm has no module binary for %s/%s: it runs on Linux and macOS, on x86_64 and arm64. '
            'Run the task on the controller (delegate_to: localhost) instead.' % (system.strip(), machine.strip()))
    path = os.path.join(BINARY_DIR, '%s_%s_%s' % (BINARY_NAME, goos, goarch))
    if not os.path.isfile(path):
        raise AnsibleActionFail(
            'the module binary for %s/%s is missing (%s). An installed collection ships it; '
            'in a source checkout, run "make build" (this machine) or "make dist" (all platforms).' % (goos, goarch, path))
    return path


class ActionModule(ActionBase):

    TRANSFERS_FILES = True
    _platforms = {}  # per worker process: connection target -> (system, machine)

    def run(self, tmp=None, task_vars=None):
        self._supports_check_mode = True
        self._supports_async = False
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        if result.get('skipped'):
            return result
        try:
            self._binary = binary_for(*self._target_platform())
            module = self._task.resolved_action or self._task.action
            result = merge_hash(result, self._execute_module(module_name=module, module_args=self._task.args, task_vars=task_vars))
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _configure_module(self, module_name, module_args, task_vars):
        # The module is the Go binary, not the doc-only file in plugins/modules.
        return 'binary', None, b'', self._binary

    def _target_platform(self):
        if self._connection.transport in ('local', 'ansible.builtin.local') or getattr(self._connection, '_remote_is_local', False):
            return platform.system(), platform.machine()
        key = (self._connection.transport, self._play_context.remote_addr, self._play_context.remote_user)
        if key not in self._platforms:
            res = self._low_level_execute_command('uname -s -m', sudoable=False)
            words = to_text(res.get('stdout', '')).split()
            if res.get('rc') != 0 or len(words) != 2:
                said = to_text(res.get('stdout', '') + res.get('stderr', '')).strip()
                raise AnsibleActionFail('cannot tell the target host\'s OS and CPU ("uname -s -m" said: %s)' % said)
            self._platforms[key] = (words[0], words[1])
        return self._platforms[key]
