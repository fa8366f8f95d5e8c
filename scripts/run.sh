#!/usr/bin/env bash
# Start the web server and a Celery worker (with beat) together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/broker/out var/broker/processed
trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait 2>/dev/null' INT TERM EXIT
.venv/bin/celery -A consult worker -B -Q default,reports -l warning --concurrency 2 \
  --schedule var/celerybeat-schedule &
.venv/bin/python manage.py runserver 127.0.0.1:8000 --noreload &
sleep 2
cat <<TXT

  consult is running:   http://127.0.0.1:8000/
  staff pages:          http://127.0.0.1:8000/staff/   (admin: http://127.0.0.1:8000/admin/)
  demo logins:          official-digital-safety, official-defence-policy, official-culture-ip, admin
  demo password:        consult-demo-2026
  API docs:             http://127.0.0.1:8000/api/docs/
  Ctrl-C stops the web server and the worker.

TXT
wait
