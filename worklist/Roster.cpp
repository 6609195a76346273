#include "worklist/Roster.h"

#include <algorithm>
#include <stdexcept>

namespace countyread::worklist {

using namespace std::chrono;

Instant shanghaiTime(int y, unsigned mo, unsigned d, int h, int mi) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} - kShanghaiUtcOffset;
}

local_seconds toShanghaiLocal(Instant t) {
    return local_seconds{(t + kShanghaiUtcOffset).time_since_epoch()};
}

namespace {
minutes parseHhMm(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') throw std::invalid_argument("expected HH:MM, got '" + s + "'");
    auto digit = [&](std::size_t i) {
        if (s[i] < '0' || s[i] > '9') throw std::invalid_argument("expected HH:MM, got '" + s + "'");
        return s[i] - '0';
    };
    int h = digit(0) * 10 + digit(1), m = digit(3) * 10 + digit(4);
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        throw std::invalid_argument("expected HH:MM, got '" + s + "'");
    return hours{h} + minutes{m};
}
}  // namespace

void Roster::addWeekly(const std::string& radiologist, weekday day, const std::string& start,
                       const std::string& end) {
    addWeekly(radiologist, WeeklyShift{day, parseHhMm(start), parseHhMm(end)});
}

void Roster::addWeekly(const std::string& radiologist, WeeklyShift shift) {
    if (!shift.day.ok()) throw std::invalid_argument("invalid weekday");
    people_[radiologist].weekly.push_back(shift);
}

void Roster::insertSorted(std::vector<Interval>& v, Seconds& longest, Interval i) {
    if (i.end <= i.start) throw std::invalid_argument("a shift must end after it starts");
    auto pos = std::upper_bound(v.begin(), v.end(), i.start,
                                [](Instant t, const Interval& x) { return t < x.start; });
    v.insert(pos, i);
    longest = std::max(longest, Seconds{i.end - i.start});
}

void Roster::addShift(const std::string& radiologist, Instant start, Instant end) {
    auto& p = people_[radiologist];
    insertSorted(p.dated, p.longest_dated, {start, end});
}

void Roster::addLeave(const std::string& radiologist, Instant start, Instant end) {
    auto& p = people_[radiologist];
    insertSorted(p.leave, p.longest_leave, {start, end});
}

bool Roster::covers(const std::vector<Interval>& v, Seconds longest, Instant now) {
    // Only intervals that start at or before `now` and no longer ago than the longest one can
    // cover it: walk back from the first interval starting after `now`.
    auto it = std::upper_bound(v.begin(), v.end(), now,
                               [](Instant t, const Interval& x) { return t < x.start; });
    while (it != v.begin()) {
        --it;
        if (now - it->start >= longest) break;
        if (now < it->end) return true;
    }
    return false;
}

bool Roster::weeklyCovers(const std::vector<WeeklyShift>& v, Instant now) {
    if (v.empty()) return false;
    auto local = toShanghaiLocal(now);
    auto today = floor<days>(local);
    auto minute_of_day = duration_cast<minutes>(local - today);
    weekday wd_today{today}, wd_yesterday{today - days{1}};
    for (const auto& s : v) {
        bool crosses = s.end <= s.start;
        auto end_today = crosses ? s.end + days{1} : s.end;  // end measured from the start day
        if (s.day == wd_today && minute_of_day >= s.start && minute_of_day < end_today) return true;
        if (crosses && s.day == wd_yesterday && minute_of_day + days{1} < end_today) return true;
    }
    return false;
}

bool Roster::onDuty(const std::string& radiologist, Instant now) const {
    auto it = people_.find(radiologist);
    if (it == people_.end()) return false;
    const Person& p = it->second;
    if (!p.leave.empty() && covers(p.leave, p.longest_leave, now)) return false;
    return weeklyCovers(p.weekly, now) || (!p.dated.empty() && covers(p.dated, p.longest_dated, now));
}

}  // namespace countyread::worklist
