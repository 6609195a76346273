# The admins' dashboard assets, compiled into countyread_server_core (server/Dashboard.cpp embeds
# them with .incbin). Apache ECharts comes from npm, pinned by package-lock.json: configuring
# runs `npm ci` here when node_modules lacks it (a clean clone in CI). Without npm or without
# network the server still builds and the page shows its tables without charts.
set(COUNTYREAD_DASHBOARD_DIR ${CMAKE_CURRENT_LIST_DIR})
set(COUNTYREAD_ECHARTS_JS ${COUNTYREAD_DASHBOARD_DIR}/node_modules/echarts/dist/echarts.min.js)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${COUNTYREAD_DASHBOARD_DIR}/package-lock.json)
set(_lock_stamp ${COUNTYREAD_DASHBOARD_DIR}/node_modules/.package-lock.json)
if(NOT EXISTS ${COUNTYREAD_ECHARTS_JS} OR ${COUNTYREAD_DASHBOARD_DIR}/package-lock.json IS_NEWER_THAN ${_lock_stamp})
  find_program(COUNTYREAD_NPM npm)
  if(COUNTYREAD_NPM)
    message(STATUS "dashboard: npm ci (Apache ECharts)")
    execute_process(COMMAND ${COUNTYREAD_NPM} ci --no-audit --no-fund --loglevel=error
                    WORKING_DIRECTORY ${COUNTYREAD_DASHBOARD_DIR} RESULT_VARIABLE _npm_rc)
    if(NOT _npm_rc EQUAL 0)
      message(WARNING "dashboard: npm ci failed (${_npm_rc}): the dashboard will have no charts")
    endif()
  else()
    message(WARNING "dashboard: npm not found: the dashboard will have no charts")
  endif()
endif()
set(_dashboard_assets ${COUNTYREAD_DASHBOARD_DIR}/index.html ${COUNTYREAD_DASHBOARD_DIR}/dashboard.js
    ${COUNTYREAD_DASHBOARD_DIR}/dashboard.css)
target_compile_definitions(countyread_server_core PRIVATE COUNTYREAD_DASHBOARD_DIR="${COUNTYREAD_DASHBOARD_DIR}")
if(EXISTS ${COUNTYREAD_ECHARTS_JS})
  target_compile_definitions(countyread_server_core PRIVATE COUNTYREAD_ECHARTS_JS="${COUNTYREAD_ECHARTS_JS}")
  list(APPEND _dashboard_assets ${COUNTYREAD_ECHARTS_JS})
endif()
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/Dashboard.cpp PROPERTIES OBJECT_DEPENDS "${_dashboard_assets}")
