# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DBINARIES=a|b -DFORBIDDEN=libA|libB -P check_runtime_links.cmake
# Fails when any binary needs, directly or transitively, a forbidden library.
string(REPLACE "|" ";" binaries "${BINARIES}")
string(REPLACE "|" ";" forbidden "${FORBIDDEN}")
foreach(binary ${binaries})
    file(GET_RUNTIME_DEPENDENCIES
        EXECUTABLES ${binary}
        RESOLVED_DEPENDENCIES_VAR resolved
        UNRESOLVED_DEPENDENCIES_VAR unresolved)
    set(names "")
    foreach(lib ${resolved} ${unresolved})
        get_filename_component(name ${lib} NAME)
        list(APPEND names ${name})
    endforeach()
    foreach(bad ${forbidden})
        foreach(name ${names})
            if(name MATCHES "^lib${bad}\\.")
                message(FATAL_ERROR "${binary} needs ${name}, which the link graph forbids")
            endif()
        endforeach()
    endforeach()
    list(LENGTH names count)
    get_filename_component(short ${binary} NAME)
    message(STATUS "${short}: ${count} runtime libraries, none of: ${forbidden}")
endforeach()
