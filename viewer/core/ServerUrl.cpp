#include "viewer/core/ServerUrl.h"

#include <cctype>
#include <stdexcept>

namespace countyread::viewer {

ServerUrl ServerUrl::parse(const std::string& url) {
    ServerUrl out;
    std::string rest;
    if (url.rfind("http://", 0) == 0) {
        out.scheme = "http";
        out.port = 80;
        rest = url.substr(7);
    } else if (url.rfind("https://", 0) == 0) {
        out.scheme = "https";
        out.port = 443;
        rest = url.substr(8);
    } else {
        throw std::invalid_argument("server URL must start with http:// or https://: '" + url +
                                    "'");
    }
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    std::string path = slash == std::string::npos ? "" : rest.substr(slash);
    if (authority.find('@') != std::string::npos) {
        throw std::invalid_argument("server URL must not contain credentials: '" + url + "'");
    }
    if (path.find_first_of("?#") != std::string::npos) {
        throw std::invalid_argument("server URL must not contain a query or fragment: '" + url +
                                    "'");
    }
    std::string host = authority;
    std::string port;
    if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
        auto close = authority.find(']');
        if (close == std::string::npos)
            throw std::invalid_argument("bad IPv6 address in '" + url + "'");
        host = authority.substr(1, close - 1);
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':')
                throw std::invalid_argument("bad server URL '" + url + "'");
            port = authority.substr(close + 2);
        }
    } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty()) throw std::invalid_argument("server URL has no host: '" + url + "'");
    if (!port.empty() || authority.back() == ':') {
        if (port.empty() || port.size() > 5)
            throw std::invalid_argument("bad port in '" + url + "'");
        for (char c : port) {
            if (!std::isdigit(static_cast<unsigned char>(c))) {
                throw std::invalid_argument("bad port in '" + url + "'");
            }
        }
        out.port = std::stoi(port);
        if (out.port < 1 || out.port > 65535)
            throw std::invalid_argument("bad port in '" + url + "'");
    }
    out.host = host;
    while (!path.empty() && path.back() == '/') path.pop_back();
    out.base_path = path;
    return out;
}

std::string ServerUrl::origin() const {
    bool v6 = host.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ServerUrl::path(const std::string& api_path) const { return base_path + api_path; }

std::string encodePathSegment(const std::string& segment) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : segment) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace countyread::viewer
