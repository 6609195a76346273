#pragma once
// A parsed server address such as "http://127.0.0.1:8042" or "https://pacs.county/countyread".
#include <string>

namespace countyread::viewer {

struct ServerUrl {
    std::string scheme = "http";  // "http" or "https"
    std::string host;
    int port = 80;
    std::string base_path;  // "" or "/prefix" (no trailing slash)

    // Throws std::invalid_argument with a readable message for anything else.
    static ServerUrl parse(const std::string& url);

    // "http://host:port" (what an HTTP client connects to).
    std::string origin() const;
    // base_path + api_path ("/api/v1/studies" -> "/prefix/api/v1/studies").
    std::string path(const std::string& api_path) const;
};

// Percent-encodes one path segment (UIDs pass through unchanged).
std::string encodePathSegment(const std::string& segment);

}  // namespace countyread::viewer
