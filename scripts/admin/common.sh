# Shared by the admin scripts: which conduit command to run, and reading its --json output.
# CONDUIT names the command (default: conduit on the PATH); run the scripts as the service's user.
CONDUIT=${CONDUIT:-conduit}

# json_value KEY < JSON: the first value of "KEY" in conduit's pretty-printed --json output,
# without quotes (strings, numbers, booleans; not objects).
json_value() {
  sed -n -e "s/^ *\"$1\" : \"\(.*\)\",\{0,1\}$/\1/p" \
         -e "s/^ *\"$1\" : \([^\",]*\),\{0,1\}$/\1/p" | head -n 1
}
