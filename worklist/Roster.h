#pragma once
// Who is on duty when (排班). Shifts are written in Beijing time (Asia/Shanghai) and answered
// for UTC instants. China has used one fixed offset, UTC+8, with no daylight saving time since
// 1991, so converting with a constant +8 h is exact for every date this system will see; no
// time zone database is needed.
//
// A radiologist's duty = weekly pattern shifts + dated shifts - leave. A weekly shift whose end
// is not after its start crosses midnight: {Friday, 20:00, 08:00} runs Friday 20:00 to
// Saturday 08:00 local time. A radiologist with no shift at all is never on duty.
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "worklist/Clock.h"

namespace countyread::worklist {

constexpr std::chrono::hours kShanghaiUtcOffset{8};

// The UTC instant of a Beijing wall-clock time.
Instant shanghaiTime(int year, unsigned month, unsigned day, int hour, int minute = 0);
// The local (Beijing) wall-clock fields of a UTC instant.
std::chrono::local_seconds toShanghaiLocal(Instant t);

struct WeeklyShift {
    std::chrono::weekday day;     // local day the shift starts on
    std::chrono::minutes start;   // local time of day
    std::chrono::minutes end;     // local time of day; <= start means the next day
};

class Roster {
public:
    // "HH:MM" local times; throws std::invalid_argument on a malformed time.
    void addWeekly(const std::string& radiologist, std::chrono::weekday day, const std::string& start,
                   const std::string& end);
    void addWeekly(const std::string& radiologist, WeeklyShift shift);
    void addShift(const std::string& radiologist, Instant start, Instant end);  // dated, [start, end)
    void addLeave(const std::string& radiologist, Instant start, Instant end);  // off, [start, end)

    bool onDuty(const std::string& radiologist, Instant now) const;
    bool hasSchedule(const std::string& radiologist) const { return people_.count(radiologist) != 0; }

private:
    struct Interval {
        Instant start, end;
    };
    struct Person {
        std::vector<WeeklyShift> weekly;
        std::vector<Interval> dated;  // sorted by start
        std::vector<Interval> leave;  // sorted by start
        Seconds longest_dated{0}, longest_leave{0};
    };
    static void insertSorted(std::vector<Interval>& v, Seconds& longest, Interval i);
    static bool covers(const std::vector<Interval>& v, Seconds longest, Instant now);
    static bool weeklyCovers(const std::vector<WeeklyShift>& v, Instant now);
    std::unordered_map<std::string, Person> people_;
};

}  // namespace countyread::worklist
