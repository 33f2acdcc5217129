#!/usr/bin/env bash
# Tries the hooks of .pre-commit-hooks.yaml for real with `pre-commit try-repo`,
# the way a user's repository would run them:
#   - netlint fails on a committed plan with findings (NL001) and passes on one
#     without errors; a .json file that is not a plan is never passed to it;
#   - netlint-verify passes on good policy tests and fails on failing ones.
#
# try-repo only sees committed files, so the working tree as it is on disk
# (tracked and untracked, minus ignored files) is snapshot into a temporary git
# repository first. pre-commit's golang language runs `go install ./...` with the
# Go on PATH and its own GOPATH; GOMODCACHE is pointed at the machine's module
# cache so that nothing is downloaded when `go mod download` has run (GOPROXY
# and GOFLAGS are taken from the environment; GOFLAGS gains -mod=mod).
#
# Needs: git, go, pre-commit (Debian: apt-get install -y git pre-commit).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
for tool in git go pre-commit; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test-pre-commit: $tool is not on PATH" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export GIT_AUTHOR_NAME=netlint-ci GIT_AUTHOR_EMAIL=ci@netlint.invalid
export GIT_COMMITTER_NAME=netlint-ci GIT_COMMITTER_EMAIL=ci@netlint.invalid
export PRE_COMMIT_HOME="$work/pre-commit-cache"
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
# Make the module cache complete before pre-commit builds (a no-op when it is).
(cd "$repo" && go mod download)

echo "== snapshot of $repo"
snap="$work/netlint"
mkdir -p "$snap"
(
  cd "$repo"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    # Tracked files deleted from the working tree are left out, like the tree.
    if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
  done | tar --null -T - -cf -
) | tar -xf - -C "$snap"
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" commit -q -m "snapshot for test-pre-commit"

# consumer NAME FILES...: a fresh repository with FILES (source:dest) committed.
consumer() {
  local dir="$work/$1"
  shift
  mkdir -p "$dir"
  git -C "$dir" init -q
  local spec src dest
  for spec in "$@"; do
    src=${spec%%:*}
    dest=${spec#*:}
    mkdir -p "$dir/$(dirname "$dest")"
    if [ -f "$src" ]; then cp "$src" "$dir/$dest"; else printf '%s' "$src" >"$dir/$dest"; fi
  done
  git -C "$dir" add -A
  git -C "$dir" commit -q -m fixture
  echo "$dir"
}

failures=0
indent() {
  local line
  while IFS= read -r line; do printf '     | %s\n' "$line"; done <<<"$1"
}
# expect STATUS WHAT DIR ARGS...: run try-repo in DIR and check its exit status
# (0 or "fail") and, for failures, that the output names NL001 or the failing test.
expect() {
  local want=$1 what=$2 dir=$3
  shift 3
  local out status=0 start=$SECONDS
  out=$(cd "$dir" && pre-commit try-repo "$snap" "$@" 2>&1) || status=$?
  what="$what ($((SECONDS - start))s)"
  case "$want:$status" in
    0:0 | fail:1)
      echo "ok   $what"
      ;;
    *)
      echo "FAIL $what: pre-commit exited $status, want $want"
      indent "$out"
      failures=$((failures + 1))
      return
      ;;
  esac
  if [ "$want" = fail ] && [ -n "${EXPECT_IN_OUTPUT:-}" ] && ! grep -q -- "$EXPECT_IN_OUTPUT" <<<"$out"; then
    echo "FAIL $what: output lacks '$EXPECT_IN_OUTPUT'"
    indent "$out"
    failures=$((failures + 1))
  fi
}

plans="$repo/testdata/rules/NL001"
findings=$(consumer findings "$plans/fire-tgw.plan.json:infra/fire-tgw.plan.json" '{not json:settings.json')
clean=$(consumer clean "$plans/quiet.plan.json:infra/plan.json" '{not json:settings.json' "$plans/quiet.plan.json:infra/plan-notes.txt")
policies=$(consumer policies "$repo/testdata/policies/good/vpc_owner_tag.rego:policy/vpc_owner_tag.rego" \
  "$repo/testdata/policies/good/vpc_owner_tag_test.rego:policy/vpc_owner_tag_test.rego")
failing=$(consumer failing "$repo/testdata/policies/failing/vpc_owner_tag.rego:policy/vpc_owner_tag.rego" \
  "$repo/testdata/policies/failing/vpc_owner_tag_test.rego:policy/vpc_owner_tag_test.rego")

echo "== pre-commit try-repo (the first run builds netlint)"
EXPECT_IN_OUTPUT=NL001 expect fail "netlint fails on a plan with an NL001 error" "$findings" netlint --all-files
expect 0 "netlint passes on a plan without errors (settings.json and .txt not passed)" "$clean" netlint --all-files
EXPECT_IN_OUTPUT=NL001 expect fail "netlint fails with --files naming the plan" "$findings" netlint --files infra/fire-tgw.plan.json
expect 0 "netlint-verify passes on passing policy tests" "$policies" netlint-verify --all-files
EXPECT_IN_OUTPUT=test_untagged_vpc_allowed expect fail "netlint-verify fails on a failing policy test" "$failing" netlint-verify --all-files

passed=$((5 - failures))
echo "pre-commit: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
