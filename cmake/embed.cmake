# Writes OUT, a C++ file defining SYM as the bytes of IN (plus a trailing NUL).
# Hex-encoded so any content (quotes, raw-string delimiters, non-ASCII) survives.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <cstddef>\nextern const char ${SYM}[];\nextern const std::size_t ${SYM}_size;\nconst char ${SYM}[] = {${body} '\\0'};\nconst std::size_t ${SYM}_size = ${byte_count};\n")
