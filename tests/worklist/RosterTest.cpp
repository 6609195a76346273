// Duty rosters in Beijing time (UTC+8, no DST), answered for UTC instants.
#include <gtest/gtest.h>

#include "worklist/Roster.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
Instant utc(int y, unsigned mo, unsigned d, int h, int mi = 0, int s = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}
}  // namespace

TEST(Roster, ShanghaiTimeIsUtcPlusEightAllYear) {
    EXPECT_EQ(shanghaiTime(2024, 5, 3, 20, 0), utc(2024, 5, 3, 12, 0));
    EXPECT_EQ(shanghaiTime(2024, 1, 1, 7, 30), utc(2023, 12, 31, 23, 30));  // local date is a day ahead
    EXPECT_EQ(shanghaiTime(2024, 7, 1, 12, 0), utc(2024, 7, 1, 4, 0));    // no summer time
    auto local = toShanghaiLocal(utc(2024, 5, 3, 16, 0));
    EXPECT_EQ(local, local_days{year{2024} / 5 / 4} + hours{0});
}

TEST(Roster, NightShiftCrossesMidnightInShanghaiTime) {
    Roster r;
    r.addWeekly("zhao", Friday, "20:00", "08:00");  // Fri 20:00 -> Sat 08:00 Beijing time
    // 2024-05-03 is a Friday. Beijing 20:00 Friday is 12:00 UTC Friday.
    EXPECT_FALSE(r.onDuty("zhao", utc(2024, 5, 3, 11, 59, 59)));  // Fri 19:59:59 local
    EXPECT_TRUE(r.onDuty("zhao", utc(2024, 5, 3, 12, 0)));         // Fri 20:00 local
    EXPECT_TRUE(r.onDuty("zhao", utc(2024, 5, 3, 15, 59)));        // Fri 23:59 local
    EXPECT_TRUE(r.onDuty("zhao", utc(2024, 5, 3, 16, 0)));         // Sat 00:00 local, UTC still Friday
    EXPECT_TRUE(r.onDuty("zhao", utc(2024, 5, 3, 23, 59, 59)));    // Sat 07:59:59 local
    EXPECT_FALSE(r.onDuty("zhao", utc(2024, 5, 4, 0, 0)));         // Sat 08:00 local: end is exclusive
    EXPECT_FALSE(r.onDuty("zhao", utc(2024, 5, 4, 12, 0)));        // Sat 20:00 local: no Saturday shift
    EXPECT_FALSE(r.onDuty("zhao", utc(2024, 5, 2, 16, 0)));        // Fri 00:00 local belongs to Thursday night
    EXPECT_TRUE(r.onDuty("zhao", utc(2024, 5, 10, 16, 0)));        // the next week repeats
}

TEST(Roster, SundayNightRunsIntoMonday) {
    Roster r;
    r.addWeekly("qian", Sunday, "22:00", "06:00");
    // 2024-05-05 is a Sunday; Monday 05:00 local is Sunday 21:00 UTC.
    EXPECT_TRUE(r.onDuty("qian", utc(2024, 5, 5, 21, 0)));
    EXPECT_FALSE(r.onDuty("qian", utc(2024, 5, 5, 22, 0)));  // Monday 06:00 local
    EXPECT_TRUE(r.onDuty("qian", utc(2024, 5, 5, 14, 0)));   // Sunday 22:00 local
}

TEST(Roster, DayShiftWeeklyPatternAndUnknownPeople) {
    Roster r;
    for (auto d : {Monday, Tuesday, Wednesday, Thursday, Friday}) r.addWeekly("li", d, "08:00", "17:30");
    EXPECT_TRUE(r.onDuty("li", shanghaiTime(2024, 5, 6, 8, 0)));     // Monday
    EXPECT_TRUE(r.onDuty("li", shanghaiTime(2024, 5, 6, 17, 29)));
    EXPECT_FALSE(r.onDuty("li", shanghaiTime(2024, 5, 6, 17, 30)));
    EXPECT_FALSE(r.onDuty("li", shanghaiTime(2024, 5, 6, 7, 59)));
    EXPECT_FALSE(r.onDuty("li", shanghaiTime(2024, 5, 4, 10, 0)));   // Saturday
    EXPECT_FALSE(r.onDuty("nobody", shanghaiTime(2024, 5, 6, 10, 0)));
    EXPECT_FALSE(r.hasSchedule("nobody"));
    EXPECT_TRUE(r.hasSchedule("li"));
    EXPECT_THROW(r.addWeekly("li", Monday, "8:00", "17:00"), std::invalid_argument);
    EXPECT_THROW(r.addWeekly("li", Monday, "25:00", "17:00"), std::invalid_argument);
}

TEST(Roster, DatedShiftsAndLeave) {
    Roster r;
    for (auto d : {Monday, Tuesday, Wednesday, Thursday, Friday}) r.addWeekly("li", d, "08:00", "17:30");
    // 劳动节 holiday: leave all of 1-5 May; an extra dated night shift on 3 May 22:00 -> 4 May 07:00.
    r.addLeave("li", shanghaiTime(2024, 5, 1, 0, 0), shanghaiTime(2024, 5, 6, 0, 0));
    r.addShift("wang", shanghaiTime(2024, 5, 3, 22, 0), shanghaiTime(2024, 5, 4, 7, 0));
    r.addShift("wang", shanghaiTime(2024, 5, 1, 8, 0), shanghaiTime(2024, 5, 1, 12, 0));
    EXPECT_FALSE(r.onDuty("li", shanghaiTime(2024, 5, 2, 10, 0)));  // Thursday, on leave
    EXPECT_TRUE(r.onDuty("li", shanghaiTime(2024, 5, 6, 10, 0)));   // back on Monday
    EXPECT_TRUE(r.onDuty("wang", shanghaiTime(2024, 5, 4, 1, 0)));
    EXPECT_TRUE(r.onDuty("wang", shanghaiTime(2024, 5, 1, 11, 59)));
    EXPECT_FALSE(r.onDuty("wang", shanghaiTime(2024, 5, 1, 12, 0)));
    EXPECT_FALSE(r.onDuty("wang", shanghaiTime(2024, 5, 4, 7, 0)));
    EXPECT_FALSE(r.onDuty("wang", shanghaiTime(2024, 5, 2, 1, 0)));
    EXPECT_THROW(r.addShift("wang", shanghaiTime(2024, 5, 2, 8, 0), shanghaiTime(2024, 5, 2, 8, 0)),
                 std::invalid_argument);
}
