# SPDX-License-Identifier: GPL-3.0-or-later
# Finds every dependency of DESIGN.md §1 and, when one is missing, says which
# package provides it and how to get a build environment that has it.

set(TESSERA_QT_MIN 6.8.0)

macro(tessera_require package)
    cmake_parse_arguments(REQ "" "VERSION;HINT" "COMPONENTS" ${ARGN})
    if(REQ_COMPONENTS)
        find_package(${package} ${REQ_VERSION} QUIET COMPONENTS ${REQ_COMPONENTS})
    else()
        find_package(${package} ${REQ_VERSION} QUIET)
    endif()
    if(NOT ${package}_FOUND)
        set(what "${package}")
        if(REQ_VERSION)
            string(APPEND what " >= ${REQ_VERSION}")
        endif()
        if(REQ_COMPONENTS)
            string(APPEND what " (components: ${REQ_COMPONENTS})")
        endif()
        message(FATAL_ERROR
            "Tessera needs ${what}, which was not found.\n"
            "  Debian 13 / Ubuntu 25.04+ package: ${REQ_HINT}\n"
            "  README.md lists the packages for Fedora, Arch, Homebrew and vcpkg.\n"
            "  On a Debian/Ubuntu host without them, `scripts/dev build` builds inside a\n"
            "  Debian 13 build root that it creates itself (`scripts/dev setup`).")
    endif()
endmacro()

tessera_require(Qt6 VERSION ${TESSERA_QT_MIN}
    COMPONENTS Core Sql Network Gui Widgets Svg Test Concurrent
    HINT "qt6-base-dev qt6-svg-dev")
tessera_require(Qt6 VERSION ${TESSERA_QT_MIN} COMPONENTS HttpServer WebSockets
    HINT "qt6-httpserver-dev qt6-websockets-dev")
tessera_require(Qt6 VERSION ${TESSERA_QT_MIN} COMPONENTS LinguistTools
    HINT "qt6-tools-dev qt6-l10n-tools")
# The cache's change-feed pages read SQLite's JSON (3.45: binary JSON)
tessera_require(SQLite3 VERSION 3.45 HINT "libsqlite3-dev")
tessera_require(KF6SyntaxHighlighting HINT "libkf6syntaxhighlighting-dev")
tessera_require(Qt6Keychain HINT "qtkeychain-qt6-dev")

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(SODIUM QUIET IMPORTED_TARGET libsodium>=1.0.18)
endif()
if(NOT SODIUM_FOUND)
    message(FATAL_ERROR
        "Tessera needs libsodium >= 1.0.18 (argon2id password hashing), which was not found.\n"
        "  Debian 13 / Ubuntu 25.04+ package: libsodium-dev (and pkg-config)\n"
        "  On a Debian/Ubuntu host without it, `scripts/dev build` uses a Debian 13 build root.")
endif()
add_library(Tessera::Sodium ALIAS PkgConfig::SODIUM)

qt_standard_project_setup(REQUIRES ${TESSERA_QT_MIN})
