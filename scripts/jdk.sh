# Sourced by ./berth-test and .ci/run: exports JAVA_HOME for a JDK 21+ (JAVA_HOME if it is one,
# else the newest under /usr/lib/jvm).
berth_java_major() {
  local home="$1" v=""
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -1)"
  fi
  echo "$v"
}
berth_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v="$(berth_java_major "$JAVA_HOME")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" bestv=0 d v
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"
    [ -x "$d/bin/javac" ] || continue
    v="$(berth_java_major "$d")"
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}
BERTH_JDK="$(berth_find_jdk || true)"
if [ -z "$BERTH_JDK" ]; then
  echo "no JDK 21 or newer found: set JAVA_HOME or install one under /usr/lib/jvm" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$BERTH_JDK"
