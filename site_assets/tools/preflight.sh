#!/usr/bin/env bash
# What `make serve` and `make test` need from the machine, checked before anything else runs.
#
#   site_assets/tools/preflight.sh serve   Python 3.11+ with venv, Node.js 20+ with npm
#   site_assets/tools/preflight.sh test    the same, plus Chromium, Noto CJK fonts, LibreOffice Writer,
#                                          pdftotext (poppler-utils) and brotli
#
# What is missing is installed with apt-get when this runs on Debian/Ubuntu as root or with passwordless sudo.
# Otherwise (another system, an ordinary user, or SMPLS_NO_INSTALL=1) it stops at once with one message, in
# Chinese and English, naming the packages and the command that installs them.
# Chromium is $SMPLS_CHROMIUM when set (tests/site/conftest.py reads the same variable), else chromium on PATH.
set -u

mode=${1:-test}
PY=${PY:-python3}
VENV=${VENV:-.venv}
CHROMIUM=${SMPLS_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}

have() { command -v "$1" >/dev/null 2>&1; }

# Fills $packages (Debian names) and $found_wanting (what was looked for), from what is on this machine now.
check() {
  packages=()
  found_wanting=()
  if [ -x "$VENV/bin/python" ]; then
    :  # the project's venv exists: its Python is the one that runs
  elif ! have "$PY"; then
    packages+=(python3 python3-venv)
    found_wanting+=("$PY (Python 3.11+)")
  elif ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    packages+=(python3)
    found_wanting+=("Python 3.11+ ($PY is $("$PY" -c 'import platform; print(platform.python_version())' 2>&1))")
  elif ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
    packages+=(python3-venv)
    found_wanting+=("$PY -m venv")
  fi
  if ! have node; then
    packages+=(nodejs)
    found_wanting+=("node (Node.js 20+)")
  elif ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' 2>/dev/null; then
    packages+=(nodejs)
    found_wanting+=("Node.js 20+ (node is $(node --version 2>&1))")
  fi
  if ! have npm; then
    packages+=(npm)
    found_wanting+=(npm)
  fi
  [ "$mode" = test ] || return 0
  if [ ! -x "$CHROMIUM" ]; then
    packages+=(chromium)
    found_wanting+=("chromium ($CHROMIUM)")
  fi
  if ! { have fc-list && fc-list ':lang=zh-cn' family | grep -q 'Noto Sans CJK SC'; } &&
    [ ! -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
    packages+=(fonts-noto-cjk)
    found_wanting+=("Noto Sans CJK SC")
  fi
  if ! have soffice && ! have libreoffice; then
    packages+=(libreoffice-writer-nogui)
    found_wanting+=("soffice (LibreOffice)")
  fi
  if ! have pdftotext; then
    packages+=(poppler-utils)
    found_wanting+=(pdftotext)
  fi
  if ! have brotli; then
    packages+=(brotli)
    found_wanting+=(brotli)
  fi
}

join() {
  local sep=$1 out=""
  shift
  for item in "$@"; do out+="${out:+$sep}$item"; done
  printf '%s' "$out"
}

check
((${#packages[@]})) || exit 0

# Install on Debian/Ubuntu when allowed to.
sudo=""
can_install=""
if [ -z "${SMPLS_NO_INSTALL:-}" ] && have apt-get && have dpkg; then
  if [ "${EUID:-$(id -u)}" = 0 ]; then
    can_install=1
  elif have sudo && sudo -n true 2>/dev/null; then
    sudo="sudo"
    can_install=1
  fi
fi
if [ -n "$can_install" ]; then
  echo "正在安装 / Installing: $(join ' ' "${packages[@]}")"
  export DEBIAN_FRONTEND=noninteractive
  if $sudo apt-get update -qq && $sudo apt-get install -y -qq "${packages[@]}" >/dev/null; then
    check
    ((${#packages[@]})) || exit 0
  fi
fi

# printf, not cat: this must also work with nothing on PATH.
command="sudo apt-get install $(join ' ' "${packages[@]}")"
printf '\n%s\n%s\n    %s\n%s\n%s\n    %s\n' \
  "make $mode 需要的软件缺少：$(join '、' "${found_wanting[@]}")。" \
  "请安装下面的 Debian/Ubuntu 软件包，再运行 make $mode（其他系统请安装相应的软件）：" "$command" \
  "make $mode needs software that is missing: $(join ', ' "${found_wanting[@]}")." \
  "Install these Debian/Ubuntu packages, then run make $mode again (on other systems, their equivalents):" \
  "$command" >&2
if [ -n "$can_install" ]; then
  printf '%s\n' "（apt-get 没能装好它们，见上面的输出 / apt-get could not install them: see its output above.）" >&2
fi
exit 1
