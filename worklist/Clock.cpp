#include "worklist/Clock.h"

#include <cstdio>

namespace countyread::worklist {

using namespace std::chrono;

Instant SystemClock::now() const { return floor<seconds>(system_clock::now()); }

std::optional<Instant> parseIso8601(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6)
        return std::nullopt;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::size_t pos = static_cast<std::size_t>(used);
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
    Instant t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
    if (pos < text.size() && text[pos] == 'Z') return pos + 1 == text.size() ? std::optional{t} : std::nullopt;
    int oh = 0, om = 0;
    char sign = pos < text.size() ? text[pos] : '\0';
    if ((sign == '+' || sign == '-') &&
        std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &oh, &om) == 2 && pos + 6 == text.size()) {
        auto offset = hours{oh} + minutes{om};
        return sign == '+' ? t - offset : t + offset;
    }
    return std::nullopt;
}

std::string toIso8601(Instant t) {
    auto day = floor<days>(t);
    year_month_day ymd{day};
    hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

}  // namespace countyread::worklist
