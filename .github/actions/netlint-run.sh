#!/usr/bin/env bash
# The "Run netlint" step of the GitHub Action (action.yml), kept in a file so it
# can be run and tested outside GitHub (internal/actiontest).
#
# Environment:
#   NETLINT            the netlint binary (default: netlint on PATH)
#   INPUT_PLAN         plan/state JSON paths, separated by blanks or newlines (required)
#   INPUT_TF_DIR       --tf-dir
#   INPUT_CONFIG       -c
#   INPUT_POLICY       -p directories, separated by blanks or newlines (default none:
#                      only directories given explicitly are read, and must exist)
#   INPUT_FORMAT       format of the report printed to the log (default text)
#   INPUT_FAIL_ON      error | warning | notice | never (default error)
#   INPUT_SARIF_FILE   SARIF output path (default netlint.sarif)
#   INPUT_SUMMARY      true | false: append Markdown to $GITHUB_STEP_SUMMARY (default true)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP as GitHub sets them.
#
# netlint runs once: the JSON, SARIF and Markdown reports go to files
# (-o FORMAT=FILE), the report in the requested format to the log, and its exit
# status under the requested --fail-on (0, 1, or 2) is the step's. netlint
# writes every file before it decides that status, so the reports exist when
# findings fail the step. Outputs: errors, warnings, notices, suppressed (from
# the JSON summary, read with jq), sarif-file, json-file, markdown-file.
set -euo pipefail

netlint=${NETLINT:-netlint}
format=${INPUT_FORMAT:-text}
fail_on=${INPUT_FAIL_ON:-error}
sarif_file=${INPUT_SARIF_FILE:-netlint.sarif}
summary=$(printf '%s' "${INPUT_SUMMARY:-true}" | tr '[:upper:]' '[:lower:]')

fail() {
  # One line for the log, one annotation for the run's page.
  echo "netlint action: $1" >&2
  echo "::error title=netlint::$1"
  exit 2
}

case "$fail_on" in
  error | warning | notice | never) ;;
  *) fail "fail-on '$fail_on': want error, warning, notice or never" ;;
esac
case "$summary" in
  true | false) ;;
  *) fail "summary '${INPUT_SUMMARY}': want true or false" ;;
esac
command -v jq >/dev/null 2>&1 || fail "jq is needed to read the JSON summary (GitHub's runners have it)"

# Lists are split on blanks and newlines; no glob expansion.
set -f
# shellcheck disable=SC2206 # splitting is the point
plans=(${INPUT_PLAN:-})
# shellcheck disable=SC2206
policies=(${INPUT_POLICY:-})
set +f
[ ${#plans[@]} -gt 0 ] || fail "the plan input is required: the path of \`terraform show -json\` output"

common=()
[ -n "${INPUT_TF_DIR:-}" ] && common+=(--tf-dir "$INPUT_TF_DIR")
[ -n "${INPUT_CONFIG:-}" ] && common+=(-c "$INPUT_CONFIG")
# ${a[@]+"${a[@]}"}: an empty array is "unbound" to bash 3.2 (macOS) under set -u.
for p in ${policies[@]+"${policies[@]}"}; do
  common+=(-p "$p")
done

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/netlint.XXXXXX")
json_file="$tmp/netlint.json"
markdown_file="$tmp/netlint.md"
mkdir -p "$(dirname "$sarif_file")"

# One run: the reports to files, the log's report to stdout.
status=0
"$netlint" check ${common[@]+"${common[@]}"} -f "$format" --fail-on "$fail_on" \
  -o "json=$json_file" -o "sarif=$sarif_file" -o "markdown=$markdown_file" \
  -- "${plans[@]}" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  # netlint has printed its one-line error on stderr.
  echo "::error title=netlint::netlint failed (exit $status); see the log"
  exit "$status"
fi

[ -s "$json_file" ] || fail "netlint exited $status but wrote no JSON report"
read -r errors warnings notices suppressed < <(jq -r '.summary | "\(.error) \(.warning) \(.notice) \(.suppressed)"' "$json_file")
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "notices=$notices"
    echo "suppressed=$suppressed"
    echo "sarif-file=$sarif_file"
    echo "json-file=$json_file"
    echo "markdown-file=$markdown_file"
  } >>"$GITHUB_OUTPUT"
fi
if [ "$summary" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$markdown_file" >>"$GITHUB_STEP_SUMMARY"
fi
if [ "$status" -eq 1 ]; then
  echo "::error title=netlint::findings at or above '$fail_on': $errors errors, $warnings warnings, $notices notices"
fi
exit "$status"
