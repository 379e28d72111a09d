# shellcheck shell=bash
# Sourced by every bench/<name>/run.sh: the repository root, the JDK (scripts/jdk.sh) and the class path of a module.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
use_tributary_java_home
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Compiles a module and the modules it needs (no tests run), then prints its test class path: a clean checkout
# needs nothing installed.
test_classpath() {
  local module=$1 out="$ROOT/$1/target/bench.classpath"
  (cd "$ROOT" && ./mvnw -B -q -pl "$module" -am test-compile dependency:build-classpath -Dspring-javaformat.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile="$out") >&2
  printf '%s:%s:%s\n' "$ROOT/$module/target/test-classes" "$ROOT/$module/target/classes" "$(cat "$out")"
}

# Packages the given modules and the modules they need, without running tests.
package_modules() {
  (cd "$ROOT" && ./mvnw -B -q -pl "$1" -am package -DskipTests -Dspring-javaformat.skip=true) >&2
}
