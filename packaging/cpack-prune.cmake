# SPDX-License-Identifier: GPL-3.0-or-later
# CPACK_PRE_BUILD_SCRIPTS: runs for each generator after the staging install. One set of install
# rules serves every Linux package; this drops what belongs to the other family.
#   DEB: the licence is in the copyright file (a second copy would be an "extra licence file").
#   RPM, TGZ: no Debian changelog, no lintian overrides; share/licenses/switchboard stays, as
#   that is where Fedora and openSUSE look for the licence.
set(prefix "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/${CPACK_PACKAGING_INSTALL_PREFIX}")
if(CPACK_GENERATOR STREQUAL "DEB")
    set(drop share/licenses)
else()
    set(drop share/doc/switchboard/changelog.Debian.gz share/lintian)
endif()
foreach(path IN LISTS drop)
    if(EXISTS "${prefix}/${path}")
        file(REMOVE_RECURSE "${prefix}/${path}")
        message(STATUS "${CPACK_GENERATOR}: left out ${path}")
    endif()
endforeach()
