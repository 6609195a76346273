#include "dicom/query/QueryMatcher.h"

#include <cstdlib>
#include <vector>

namespace countyread::dicom {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\0')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitValues(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find('\\', start);
        out.push_back(trim(s.substr(start, pos == std::string_view::npos ? pos : pos - start)));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

// UTF-8 to code points; a byte that is not part of valid UTF-8 stands for itself, so
// malformed text still matches literally instead of failing.
std::u32string decodeUtf8(std::string_view s, bool lower_ascii) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            auto d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((d & 0xC0) != 0x80) ok = false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) {
            out.push_back(0xDC00 | c);  // a lone surrogate never appears in valid text
            ++i;
            continue;
        }
        if (lower_ascii && cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        out.push_back(cp);
        i += static_cast<size_t>(len);
    }
    return out;
}

bool globMatch(const std::u32string& p, const std::u32string& v) {
    size_t pi = 0, vi = 0, star = std::u32string::npos, mark = 0;
    while (vi < v.size()) {
        if (pi < p.size() && p[pi] == U'*') {
            star = pi++;
            mark = vi;
        } else if (pi < p.size() && (p[pi] == U'?' || p[pi] == v[vi])) {
            ++pi;
            ++vi;
        } else if (star != std::u32string::npos) {
            pi = star + 1;
            vi = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == U'*') ++pi;
    return pi == p.size();
}

std::string normalizeDate(std::string_view s) {
    std::string out;
    for (char c : trim(s))
        if (c != '.') out.push_back(c);  // ACR-NEMA "YYYY.MM.DD"
    return out;
}

// "HHMMSS.FFFFFF" (fixed width, so strings compare like times); partial values are padded to
// the start (lower bound) or the end (upper bound) of the period they name. "" when invalid.
std::string normalizeTime(std::string_view s, bool upper) {
    std::string digits, frac;
    bool in_frac = false;
    for (char c : trim(s)) {
        if (c == ':') continue;  // ACR-NEMA "HH:MM:SS"
        if (c == '.') {
            in_frac = true;
            continue;
        }
        if (c < '0' || c > '9') return {};
        (in_frac ? frac : digits).push_back(c);
    }
    if (digits.empty() || digits.size() > 6 || frac.size() > 6) return {};
    static const char* kUpper = "995959";
    while (digits.size() < 6) digits.push_back(upper ? kUpper[digits.size()] : '0');
    while (frac.size() < 6) frac.push_back(upper ? '9' : '0');
    return digits + "." + frac;
}

bool isNumericVr(std::string_view vr) {
    return vr == "IS" || vr == "DS" || vr == "US" || vr == "SS" || vr == "UL" || vr == "SL" ||
           vr == "FL" || vr == "FD";
}

bool numberEquals(std::string_view a, std::string_view b) {
    std::string sa(a), sb(b);
    char* ea = nullptr;
    char* eb = nullptr;
    double da = std::strtod(sa.c_str(), &ea);
    double db = std::strtod(sb.c_str(), &eb);
    if (sa.empty() || sb.empty() || *ea != '\0' || *eb != '\0') return sa == sb;
    return da == db;
}

std::string withoutCarets(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '^') out.push_back(c);
    return out;
}

std::string_view stripTrailing(std::string_view s, std::string_view chars) {
    while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
    return s;
}

// The forms a stored person name can be matched in: the whole value, each component group,
// and each group without the '^' between family and given name.
std::vector<std::string> personNameForms(std::string_view value) {
    std::vector<std::string> forms;
    auto add = [&](std::string_view f) {
        f = stripTrailing(f, "^= ");
        if (f.empty()) return;
        for (const auto& have : forms)
            if (have == f) return;
        forms.emplace_back(f);
    };
    add(value);
    size_t start = 0;
    for (;;) {
        size_t pos = value.find('=', start);
        auto group = value.substr(start, pos == std::string_view::npos ? pos : pos - start);
        add(group);
        add(withoutCarets(stripTrailing(group, "^ ")));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return forms;
}

bool personNameMatches(std::string_view key, std::string_view value) {
    key = stripTrailing(key, "^= ");
    if (key.empty() || key == "*") return true;
    auto pattern = decodeUtf8(key, true);
    auto pattern_plain = decodeUtf8(withoutCarets(key), true);
    for (const auto& form : personNameForms(value)) {
        auto v = decodeUtf8(form, true);
        if (globMatch(pattern, v) || globMatch(pattern_plain, v)) return true;
    }
    return false;
}

bool singleKeyMatches(std::string_view vr, std::string_view key, std::string_view value) {
    if (vr == "PN") return personNameMatches(key, value);
    if (hasWildcards(key)) return wildcardMatch(key, value, false);
    if (isNumericVr(vr)) return numberEquals(key, value);
    return key == value;
}

}  // namespace

bool hasWildcards(std::string_view key) {
    return key.find('*') != std::string_view::npos || key.find('?') != std::string_view::npos;
}

bool wildcardMatch(std::string_view pattern, std::string_view value, bool ignore_ascii_case) {
    return globMatch(decodeUtf8(pattern, ignore_ascii_case), decodeUtf8(value, ignore_ascii_case));
}

bool splitRange(std::string_view key, std::string& from, std::string& to) {
    key = trim(key);
    size_t pos = key.find('-');
    if (pos == std::string_view::npos || key.find('-', pos + 1) != std::string_view::npos)
        return false;
    from = std::string(trim(key.substr(0, pos)));
    to = std::string(trim(key.substr(pos + 1)));
    return true;
}

bool dateMatches(std::string_view key, std::string_view value) {
    std::string v = normalizeDate(value);
    std::string from, to;
    if (!splitRange(key, from, to)) return !v.empty() && normalizeDate(key) == v;
    if (v.empty()) return false;
    from = normalizeDate(from);
    to = normalizeDate(to);
    if (!from.empty() && v < from) return false;
    if (!to.empty() && v > to) return false;
    return true;
}

bool timeMatches(std::string_view key, std::string_view value) {
    std::string v = normalizeTime(value, false);
    std::string from, to;
    if (!splitRange(key, from, to)) from = to = std::string(trim(key));
    if (v.empty()) return false;
    if (!from.empty()) {
        auto lo = normalizeTime(from, false);
        if (lo.empty() || v < lo) return false;
    }
    if (!to.empty()) {
        auto hi = normalizeTime(to, true);
        if (hi.empty() || v > hi) return false;
    }
    return true;
}

bool matchesKey(std::string_view vr, std::string_view key, std::string_view value) {
    key = trim(key);
    value = trim(value);
    if (key.empty() || key == "*" || vr == "SQ") return true;  // universal
    if (vr == "DA") return dateMatches(key, value);
    if (vr == "TM") return timeMatches(key, value);
    auto values = splitValues(value);
    if (vr == "UI") {  // list of UIDs
        for (auto k : splitValues(key))
            for (auto v : values)
                if (!k.empty() && k == v) return true;
        return false;
    }
    for (auto k : splitValues(key))
        for (auto v : values)
            if (singleKeyMatches(vr, k, v)) return true;
    return false;
}

bool matchesRequest(const QueryRequest& request, const QueryMatch& match) {
    for (const auto& k : request.keys) {
        if (k.value.empty() || k.vr == "SQ") continue;
        auto it = match.values.find(k.tag);
        if (it == match.values.end()) continue;
        if (!matchesKey(k.vr, k.value, it->second)) return false;
    }
    return true;
}

}  // namespace countyread::dicom
