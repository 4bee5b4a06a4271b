# Sourced by Conduit's scripts: points JAVA_HOME at a JDK 25 or newer, or explains how to get one.
java_feature_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

conduit_select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/jdk-25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/jlink" ] || continue
    if [ "$(java_feature_version "$candidate")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "Conduit needs a JDK 25 or newer (with jlink) to build. Install one (for example Eclipse Temurin 25)" >&2
  echo "and set JAVA_HOME to it." >&2
  return 1
}
