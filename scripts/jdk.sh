# shellcheck shell=bash
# The JDK every script of the repository runs: sourced by ./tributary, .ci/run, bench/ and reliability/.
#
#   source "$ROOT/scripts/jdk.sh"
#   home=$(tributary_java_home)      # the JDK's home, or nothing when only `java` on PATH is left
#   use_tributary_java_home          # exports JAVA_HOME (for ./mvnw and java) when a home was found
#
# TRIBUTARY_JAVA_HOME first, then JAVA_HOME, else the newest JDK installed under /usr/lib/jvm: the services run on
# virtual threads from 21 on, and the bytecode stays Java 17 whichever JDK builds it.

# Prints the Java specification version (17, 21, 25) of the java launcher given, or nothing if it does not run.
tributary_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

tributary_java_home() {
  local home="${TRIBUTARY_JAVA_HOME:-${JAVA_HOME:-}}"
  if [[ -n "$home" ]]; then
    printf '%s\n' "$home"
    return
  fi
  [[ -d /usr/lib/jvm ]] || return 0
  local dir version best=0 newest=""
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    # Debian's alias links name the same JDK twice; a JRE without javac cannot build.
    [[ -x "$dir/bin/javac" && ! -L "$dir" ]] || continue
    version="$(tributary_java_version "$dir/bin/java")"
    if [[ -n "$version" && "${version%%.*}" -gt "$best" ]]; then
      best="${version%%.*}"
      newest="$dir"
    fi
  done
  [[ -z "$newest" ]] || printf '%s\n' "$newest"
}

use_tributary_java_home() {
  local home
  home="$(tributary_java_home)"
  if [[ -n "$home" ]]; then export JAVA_HOME="$home"; fi
}
