#!/usr/bin/env bash
# Debian packages the tests and benchmarks use, installed when missing:
#   libreoffice-calc, libreoffice-writer  legacy XLS/DOC conversion; PDFs made from XLSX/DOCX in tests
#   fonts-noto-cjk                        Chinese glyphs in the PDFs LibreOffice makes
#   poppler-utils                         pdftotext / pdftoppm (benchmarks, visual checks)
#   python3-pdfminer                      pdfminer, the benchmark's second point of comparison
#   qpdf                                  password-protected PDFs made at test time
#   postgresql                            the PostgreSQL store's tests (test/helpers/postgres.ts starts a throwaway cluster)
#   chromium                              the web app's browser tests (playwright-core drives /usr/bin/chromium; no browser download)
# Runs before `npm test` (pretest). Without root or apt it only says what is missing.
set -uo pipefail
want=(libreoffice-calc libreoffice-writer fonts-noto-cjk poppler-utils python3-pdfminer qpdf postgresql chromium)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "gongkai: 缺少系统软件包 ${missing[*]}（需要 root 和 apt-get 安装）；相关测试会说明原因" >&2
  exit 0
fi
echo "gongkai: 安装系统软件包 ${missing[*]} …" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "gongkai: 系统软件包安装失败：${missing[*]}" >&2
exit 0
