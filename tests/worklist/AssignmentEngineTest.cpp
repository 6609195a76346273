// The assignment rule: skills, body parts, duty, township affinity, weighted load, capacity.
#include <gtest/gtest.h>

#include "worklist/AssignmentEngine.h"
#include "worklist/Assigner.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
const Instant kMondayMorning = shanghaiTime(2024, 5, 6, 10, 0);
const Instant kMondayNight = shanghaiTime(2024, 5, 6, 23, 0);

WorkItem item(const std::string& modality, const std::string& township = "wenan",
              const std::string& body_part = "") {
    WorkItem w;
    w.study_uid = "1.2.3";
    w.modality = modality;
    w.township = township;
    w.body_part = body_part;
    return w;
}

struct Team {
    Roster roster;
    AssignmentEngine engine{&roster};
    Team() {
        engine.addRadiologist({"li", "李明", {"CR", "DX"}, {}, {}, 0});
        engine.addRadiologist({"wang", "王芳", {"CT", "DX"}, {}, {"wenan"}, 0});
        engine.addRadiologist({"zhao", "赵强", {"CT"}, {}, {}, 0});
        engine.addRadiologist({"sun", "孙丽", {"CT"}, {"HEAD"}, {}, 0});  // neuro only
        for (auto id : {"li", "wang", "zhao", "sun"}) roster.addWeekly(id, Monday, "08:00", "17:30");
        roster.addWeekly("night", Monday, "17:30", "08:00");
        engine.addRadiologist({"night", "夜班", {"CR", "DX", "CT"}, {}, {}, 0});
    }
};
}  // namespace

TEST(AssignmentEngine, OnlySkilledAndOnDutyRadiologists) {
    Team t;
    auto d = t.engine.choose(item("CR"), kMondayMorning);
    EXPECT_EQ(d.radiologist, "li");
    EXPECT_NE(d.reason.find("li"), std::string::npos);
    d = t.engine.choose(item("MR"), kMondayMorning);
    EXPECT_FALSE(d);
    EXPECT_EQ(d.reason, "pool: no radiologist reads MR");
    // At night only the night radiologist is on duty.
    EXPECT_EQ(t.engine.choose(item("CR"), kMondayNight).radiologist, "night");
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang"), kMondayNight).radiologist, "night");
    // Tuesday 10:00: nobody has a Tuesday day shift, and the night shift ended at 08:00.
    d = t.engine.choose(item("CT"), shanghaiTime(2024, 5, 7, 10, 0));
    EXPECT_FALSE(d);
    EXPECT_NE(d.reason.find("none on duty"), std::string::npos) << d.reason;
}

TEST(AssignmentEngine, BodyPartSpecialistsOnlyGetTheirBodyParts) {
    Team t;
    t.engine.addLoad("zhao", "CT");  // sun is now the least loaded CT reader for dazhuang
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang", "HEAD"), kMondayMorning).radiologist, "sun");
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang", "CHEST"), kMondayMorning).radiologist, "zhao");
    // An item without a body part may go to anyone who reads the modality.
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang", ""), kMondayMorning).radiologist, "sun");
    EXPECT_TRUE(t.engine.qualified(*t.engine.radiologist("sun"), item("CT", "x", "HEAD")));
    EXPECT_FALSE(t.engine.qualified(*t.engine.radiologist("sun"), item("CT", "x", "ABDOMEN")));
}

TEST(AssignmentEngine, TownshipAffinityBeatsLoadThenWeightedLoadThenId) {
    Team t;
    for (int i = 0; i < 3; ++i) t.engine.addLoad("wang", "CT");  // 9 units
    // wang is contracted to wenan: wins despite the load.
    auto d = t.engine.choose(item("CT", "wenan", "CHEST"), kMondayMorning);
    EXPECT_EQ(d.radiologist, "wang");
    EXPECT_NE(d.reason.find("contracted to the township"), std::string::npos) << d.reason;
    // Elsewhere the radiologists serving every township come before wang; zhao and sun tie on
    // load 0 and the id decides (sun < zhao).
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang"), kMondayMorning).radiologist, "sun");
    // Weighted load: one CT (3) weighs more than two radiographs (2).
    AssignmentEngine e;
    e.addRadiologist({"a", "A", {"CT", "DX"}, {}, {}, 0});
    e.addRadiologist({"b", "B", {"CT", "DX"}, {}, {}, 0});
    e.addLoad("a", "DX");
    e.addLoad("a", "DX");
    e.addLoad("b", "CT");
    EXPECT_EQ(e.load("a"), 2);
    EXPECT_EQ(e.load("b"), 3);
    EXPECT_EQ(e.openItems("b"), 1);
    EXPECT_EQ(e.choose(item("DX"), kMondayMorning).radiologist, "a");
    e.removeLoad("b", "CT");
    EXPECT_EQ(e.choose(item("DX"), kMondayMorning).radiologist, "b");
    // Configurable weights: a DX weighing 5 makes a's two radiographs 10 units.
    LoadWeights w;
    w.set("DX", 5);
    AssignmentEngine heavy(nullptr, w);
    heavy.addRadiologist({"a", "A", {"DX"}, {}, {}, 0});
    heavy.addLoad("a", "DX");
    EXPECT_EQ(heavy.load("a"), 5);
}

TEST(AssignmentEngine, CapacityCapSendsWorkElsewhereOrToThePool) {
    AssignmentEngine e;
    e.addRadiologist({"a", "A", {"CT"}, {}, {"wenan"}, 6});  // two CTs at most
    e.addRadiologist({"b", "B", {"CT"}, {}, {}, 3});
    EXPECT_EQ(e.choose(item("CT"), kMondayMorning).radiologist, "a");
    e.addLoad("a", "CT");
    EXPECT_EQ(e.choose(item("CT"), kMondayMorning).radiologist, "a");
    e.addLoad("a", "CT");
    EXPECT_EQ(e.choose(item("CT"), kMondayMorning).radiologist, "b");  // a is full
    e.addLoad("b", "CT");
    auto d = e.choose(item("CT"), kMondayMorning);
    EXPECT_FALSE(d);
    EXPECT_NE(d.reason.find("all at capacity"), std::string::npos) << d.reason;
}

TEST(AssignmentEngine, ExcludeAndLoadOnlyModeForReroutes) {
    Team t;
    t.engine.addLoad("zhao", "CT");
    ChooseOptions by_load{"sun", false};
    // Without affinity wang (load 0) and zhao (3): wang has the lower load.
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang"), kMondayMorning, by_load).radiologist, "wang");
    EXPECT_EQ(t.engine.choose(item("CT", "dazhuang"), kMondayMorning, {"sun", true}).radiologist, "zhao");
}

TEST(AssignmentEngine, ReplacingAProfileKeepsTheLoad) {
    AssignmentEngine e;
    e.addRadiologist({"a", "A", {"CT"}, {}, {}, 0});
    e.addLoad("a", "CT");
    e.addRadiologist({"a", "A", {"DX"}, {}, {}, 0});  // retrained
    EXPECT_EQ(e.load("a"), 3);
    EXPECT_FALSE(e.choose(item("CT"), kMondayMorning));
    EXPECT_EQ(e.choose(item("DX"), kMondayMorning).radiologist, "a");
    EXPECT_EQ(e.radiologists().size(), 1u);
}

TEST(AssignmentEngine, LegacyChooseRadiologistStillCountsItemsNotWeights) {
    // Unweighted: a CT and a DX each count 1, as the server's open-load map says.
    std::vector<RadiologistProfile> team = {{"a", "A", {"CT"}, {}}, {"b", "B", {"CT"}, {}}};
    ReadingItem r;
    r.modality = "CT";
    EXPECT_EQ(chooseRadiologist(team, r, {{"a", 2}, {"b", 1}}), "b");
    EXPECT_EQ(chooseRadiologist(team, r, {{"a", 1}, {"b", 1}}), "a");
    EXPECT_EQ(chooseRadiologist(team, r, {{"ghost", 0}}), "a");  // unknown ids are ignored
}
