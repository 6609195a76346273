#include <gtest/gtest.h>

#include "worklist/Assigner.h"

using namespace countyread::worklist;

namespace {
ReadingItem item(const std::string& modality, const std::string& township = "wenan") {
    ReadingItem i;
    i.study_uid = "1.2.3";
    i.modality = modality;
    i.township = township;
    return i;
}
const std::vector<RadiologistProfile> kTeam = {
    {"li", "李明", {"CR", "DX"}, {}},
    {"wang", "王芳", {"CT", "DX"}, {"wenan"}},
    {"zhao", "赵强", {"CT"}, {}},
};
}  // namespace

TEST(Assigner, OnlyRadiologistsSkilledInTheModality) {
    EXPECT_EQ(chooseRadiologist(kTeam, item("CR"), {}), "li");
    EXPECT_FALSE(chooseRadiologist(kTeam, item("MR"), {}).has_value());
}

TEST(Assigner, PrefersTheTeamContractedToTheTownship) {
    // Both wang (contracted to wenan) and zhao read CT; wang wins even with more load.
    EXPECT_EQ(chooseRadiologist(kTeam, item("CT", "wenan"), {{"wang", 3}, {"zhao", 0}}), "wang");
    // For another township wang is not contracted: the least loaded, zhao, gets it.
    EXPECT_EQ(chooseRadiologist(kTeam, item("CT", "dazhuang"), {{"wang", 0}, {"zhao", 0}}), "zhao");
}

TEST(Assigner, BalancesLoadAmongEquals) {
    std::vector<RadiologistProfile> team = {{"a", "A", {"DX"}, {}}, {"b", "B", {"DX"}, {}}};
    EXPECT_EQ(chooseRadiologist(team, item("DX"), {{"a", 2}, {"b", 1}}), "b");
    EXPECT_EQ(chooseRadiologist(team, item("DX"), {{"a", 1}, {"b", 1}}), "a");  // deterministic tie
}

TEST(ReadingStates, NamesRoundTripAndTransitionsFollowTheWorkflow) {
    for (auto s : {ReadingState::Received, ReadingState::Assigned, ReadingState::InReading,
                   ReadingState::Signed, ReadingState::Delivered})
        EXPECT_EQ(readingStateFromString(toString(s)), s);
    EXPECT_TRUE(transitionAllowed(ReadingState::Received, ReadingState::Assigned));
    EXPECT_TRUE(transitionAllowed(ReadingState::InReading, ReadingState::Signed));
    EXPECT_TRUE(transitionAllowed(ReadingState::Signed, ReadingState::Delivered));
    EXPECT_FALSE(transitionAllowed(ReadingState::Received, ReadingState::Signed));
    EXPECT_FALSE(transitionAllowed(ReadingState::Signed, ReadingState::InReading));
    EXPECT_FALSE(transitionAllowed(ReadingState::Delivered, ReadingState::Signed));
    EXPECT_EQ(priorityFromString("emergency"), Priority::Emergency);
    EXPECT_FALSE(priorityFromString("whenever").has_value());
}
