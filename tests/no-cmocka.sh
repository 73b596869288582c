#!/bin/sh
# Stands in for the unit tests when configure found no cmocka.
echo "make check needs cmocka: install libcmocka-dev (or run ./bootstrap as root) and re-run ./configure" >&2
exit 99
