# Sourced by ./mvnw, ./custody and .ci/run: make JAVA_HOME point at a JDK >= 21.
#
# custody builds for Java 21, and many machines still default to an older JDK (this project's
# build machines default to 17), so rather than fail we look for a newer JDK where package
# managers and installers put them. A JAVA_HOME that is already new enough always wins.
# Set CUSTODY_JDK_MIN to raise the floor; the selection never lowers it below 21.

_custody_jdk_min=${CUSTODY_JDK_MIN:-21}
[ "$_custody_jdk_min" -ge 21 ] 2>/dev/null || _custody_jdk_min=21

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing if it is not a JDK.
_custody_jdk_feature() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  _v=
  if [ -f "$1/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  fi
  if [ -z "$_v" ]; then
    _v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$_v"
}

_custody_pick_jdk() {
  _best= _best_v=0
  _path_java=$(command -v java 2>/dev/null || true)
  _path_home=
  [ -n "$_path_java" ] && _path_home=$(dirname "$(dirname "$(readlink -f "$_path_java")")")
  for _home in ${JAVA_HOME:+"$JAVA_HOME"} ${_path_home:+"$_path_home"} \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_home" ] || continue
    _v=$(_custody_jdk_feature "$_home")
    [ -n "$_v" ] || continue
    # The current JAVA_HOME, if new enough, is the user's choice: keep it.
    if [ "$_home" = "${JAVA_HOME:-}" ] && [ "$_v" -ge "$_custody_jdk_min" ]; then
      _best=$_home; break
    fi
    if [ "$_v" -gt "$_best_v" ]; then _best=$_home _best_v=$_v; fi
  done
  if [ -n "$_best" ] && [ "$(_custody_jdk_feature "$_best")" -ge "$_custody_jdk_min" ]; then
    printf '%s' "$_best"
  fi
}

_custody_selected=$(_custody_pick_jdk || true)
if [ -z "$_custody_selected" ]; then
  {
    echo "custody: no JDK $_custody_jdk_min or newer was found (JAVA_HOME=${JAVA_HOME:-unset}, java on PATH: $(command -v java || echo none))."
    echo "custody: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or https://adoptium.net) and set JAVA_HOME to it."
  } >&2
  exit 3
fi
JAVA_HOME=$_custody_selected
export JAVA_HOME
unset _custody_selected _custody_jdk_min
