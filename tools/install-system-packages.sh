#!/bin/sh
# Install the Debian packages the course needs, if missing: bubblewrap sandboxes the grading kernel;
# chromium drives the browser test of the student's path through JupyterLab.
set -e
missing=""
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Please install:$missing (e.g. sudo apt-get install$missing)" >&2
    exit 1
fi
