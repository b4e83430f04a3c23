# Shell functions shared by the launchers (./openwec now, ./openwecd later). Source this file; it runs nothing.
# Kept cheap on purpose: a launcher runs before every command, and starting a JVM just to ask its version
# costs as much as a short command itself (docs/benchmarks.md, "CLI start-up").
#
#   openwec_find_java MIN
#       Sets OPENWEC_JAVA to a java binary of a JDK >= MIN and OPENWEC_JAVA_VERSION to its version
#       (25.0.3), or returns 1. Looks at JAVA_HOME, then java on PATH, then the newest JDK under /usr/lib/jvm,
#       /opt/java and /usr/local, reading each JDK's `release` file (a JVM is started only for a JDK without one).
#
#   openwec_startup_cache JAR TRAINING_CLASS [JVM OPTION...]
#       Sets the array OPENWEC_JVM_OPTIONS: the JVM options given, then the JVM's start-up cache for JAR when
#       there is a usable one, made first if needed (with the same options). See the function.

# Sets _openwec_feature to the feature version (8, 17, 21, 25) of a full version string (1.8.0_392, 17.0.15,
# 25); fails when there is none. (Variables rather than $(...): no subshell to fork.)
_openwec_feature_of() {
  _openwec_feature="${1#1.}"
  _openwec_feature="${_openwec_feature%%[!0-9]*}"
  [ -n "$_openwec_feature" ]
}

# Sets _openwec_version to the version of the java binary $1 (empty when unknown).
_openwec_java_version() {
  local bin="$1" home line real
  _openwec_version=""
  home="${bin%/bin/java}"
  if [ ! -f "$home/release" ]; then
    real="$(readlink -f "$bin" 2>/dev/null || true)"
    [ -n "$real" ] && home="${real%/bin/java}"
  fi
  if [ -f "$home/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*) line="${line#JAVA_VERSION=}"; _openwec_version="${line//\"/}"; break ;;
      esac
    done <"$home/release"
  fi
  if [ -z "$_openwec_version" ]; then
    # No release file (a bare JRE): ask the JVM itself, once.
    _openwec_version="$("$bin" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.version = \([0-9][0-9._]*\).*/\1/p' | head -n 1)"
  fi
}

# Succeeds when $1 is a java binary of version >= $2; leaves its version in _openwec_version.
_openwec_usable() {
  [ -x "$1" ] || return 1
  _openwec_java_version "$1"
  _openwec_feature_of "$_openwec_version" && [ "$_openwec_feature" -ge "$2" ]
}

openwec_find_java() {
  local required="$1" candidate best="" best_version="" best_feature=0
  OPENWEC_JAVA=""
  OPENWEC_JAVA_VERSION=""
  if [ -n "${JAVA_HOME:-}" ] && _openwec_usable "$JAVA_HOME/bin/java" "$required"; then
    OPENWEC_JAVA="$JAVA_HOME/bin/java"; OPENWEC_JAVA_VERSION="$_openwec_version"; return 0
  fi
  candidate="$(command -v java 2>/dev/null || true)"
  if [ -n "$candidate" ] && _openwec_usable "$candidate" "$required"; then
    OPENWEC_JAVA="$candidate"; OPENWEC_JAVA_VERSION="$_openwec_version"; return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /usr/local/*/bin/java; do
    _openwec_usable "$candidate" "$required" || continue
    if [ "$_openwec_feature" -gt "$best_feature" ]; then
      best="$candidate"; best_version="$_openwec_version"; best_feature="$_openwec_feature"
    fi
  done
  [ -n "$best" ] || return 1
  OPENWEC_JAVA="$best"; OPENWEC_JAVA_VERSION="$best_version"
}

# Takes the lock directory $1 for this process, or fails when a live process holds it: of several first runs
# at once, one records the cache while the others run without it. A lock left by a killed run is taken over.
_openwec_lock() {
  local holder
  if ! mkdir "$1" 2>/dev/null; then
    holder="$(cat "$1/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && kill -0 "$holder" 2>/dev/null; then
      return 1
    fi
    rm -rf "$1"
    mkdir "$1" 2>/dev/null || return 1
  fi
  echo "$$" >"$1/pid"
}

# The JVM's start-up cache for a jar: the classes a typical run loads, already parsed, verified and linked
# (JDK 25+: the AOT cache of JEP 483; JDK 21 to 24: a dynamic CDS archive), made by one training run of
# TRAINING_CLASS on the jar and kept next to it as <jar name>-jdk<version>.aot (or .jsa). It is made again
# when the jar is newer than it (a rebuild), never committed (target/ is ignored), and left aside when it
# cannot be made (read-only directory, failed training: a marker then stops retrying until the next build).
# The JVM itself checks that a cache matches the jar, the JDK and the options (the collector, for one), and
# runs without it, silently, otherwise: after changing a launcher's options, delete the cache to record it again.
#
# The same run extracts the SQLite driver's native library once into <jar dir>/native/ (see the SQLite
# adapter's SqliteNativeLibrary), instead of the driver's copy to the temporary directory at every start.
#
# OPENWEC_STARTUP_CACHE=off runs without either (to compare, or to rule them out).
openwec_startup_cache() {
  local jar="$1" training_class="$2"
  shift 2
  local dir="${jar%/*}" name="${jar##*/}"
  local cache partial native="$dir/native" work status
  local -a use record
  name="${name%.jar}"
  OPENWEC_JVM_OPTIONS=("$@")
  [ "${OPENWEC_STARTUP_CACHE:-on}" != off ] || return 0
  _openwec_feature_of "$OPENWEC_JAVA_VERSION" || return 0
  if [ "$_openwec_feature" -ge 25 ]; then
    cache="$dir/$name-jdk$OPENWEC_JAVA_VERSION.aot"
    partial="$cache.$$.partial"
    # A cache the JVM cannot use is reported on stdout, the CLI's output, unless these logs are off.
    use=("-XX:AOTCache=$cache" "-Xlog:aot*=off,cds*=off")
    record=("-XX:AOTCacheOutput=$partial")
  elif [ "$_openwec_feature" -ge 21 ]; then
    cache="$dir/$name-jdk$OPENWEC_JAVA_VERSION.jsa"
    partial="$cache.$$.partial"
    use=("-XX:SharedArchiveFile=$cache" -Xshare:auto "-Xlog:cds*=off")
    record=("-XX:ArchiveClassesAtExit=$partial" "-Xlog:cds*=off")
  else
    return 0
  fi
  if [ ! "$cache" -nt "$jar" ] && [ ! "$cache.failed" -nt "$jar" ] && [ -w "$dir" ] \
    && _openwec_lock "$dir/startup-training.lock"; then
    work="$dir/startup-training.$$"
    rm -rf "$native" "$work"
    mkdir -p "$work"
    status=0
    # Trained with the options it will run with: a cache recorded under another GC, say, is of no use.
    "$OPENWEC_JAVA" "$@" "${record[@]}" "-Dopenwec.sqlite.native.dir=$native" \
      -cp "$jar" "$training_class" "$work" >/dev/null 2>&1 || status=$?
    rm -rf "$work"
    if [ "$status" -eq 0 ] && [ -s "$partial" ]; then
      mv -f "$partial" "$cache"
      rm -f "$cache.failed"
    else
      rm -rf "$partial" "$native"
      : >"$cache.failed" 2>/dev/null || true
    fi
    rm -rf "$dir/startup-training.lock"
  fi
  if [ "$cache" -nt "$jar" ]; then
    OPENWEC_JVM_OPTIONS+=("${use[@]}" "-Dopenwec.sqlite.native.dir=$native")
  fi
}
