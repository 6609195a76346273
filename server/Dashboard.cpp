#include "server/Dashboard.h"

#include <string_view>

// The assets are embedded with the assembler's .incbin (paths from server/dashboard/Dashboard.cmake).
#define COUNTYREAD_EMBED(name, file)                                                   \
    asm(".pushsection .rodata\n.balign 16\n.global " #name "_begin\n" #name "_begin:\n" \
        ".incbin \"" file "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.popsection\n"); \
    extern "C" const char name##_begin[], name##_end[];

COUNTYREAD_EMBED(countyread_dashboard_html, COUNTYREAD_DASHBOARD_DIR "/index.html")
COUNTYREAD_EMBED(countyread_dashboard_js, COUNTYREAD_DASHBOARD_DIR "/dashboard.js")
COUNTYREAD_EMBED(countyread_dashboard_css, COUNTYREAD_DASHBOARD_DIR "/dashboard.css")
#ifdef COUNTYREAD_ECHARTS_JS
COUNTYREAD_EMBED(countyread_echarts_js, COUNTYREAD_ECHARTS_JS)
#endif

namespace countyread::server {

namespace {
void serve(httplib::Server& srv, const char* path, const char* begin, const char* end, const char* type) {
    std::string_view body(begin, static_cast<size_t>(end - begin));
    srv.Get(path, [body, type](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(body.data(), body.size(), type);
    });
}
}  // namespace

bool Dashboard::hasCharts() {
#ifdef COUNTYREAD_ECHARTS_JS
    return true;
#else
    return false;
#endif
}

void Dashboard::routes(httplib::Server& srv) {
    serve(srv, "/dashboard", countyread_dashboard_html_begin, countyread_dashboard_html_end, "text/html; charset=utf-8");
    serve(srv, "/dashboard/", countyread_dashboard_html_begin, countyread_dashboard_html_end, "text/html; charset=utf-8");
    serve(srv, "/dashboard/dashboard.js", countyread_dashboard_js_begin, countyread_dashboard_js_end,
          "application/javascript; charset=utf-8");
    serve(srv, "/dashboard/dashboard.css", countyread_dashboard_css_begin, countyread_dashboard_css_end,
          "text/css; charset=utf-8");
#ifdef COUNTYREAD_ECHARTS_JS
    serve(srv, "/dashboard/echarts.min.js", countyread_echarts_js_begin, countyread_echarts_js_end,
          "application/javascript; charset=utf-8");
#else
    srv.Get("/dashboard/echarts.min.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("window.COUNTYREAD_NO_ECHARTS = true;", "application/javascript");
    });
#endif
}

}  // namespace countyread::server
