// Claim locks: one reader at a time, expiry, renewal, administrator override.
#include <gtest/gtest.h>

#include "worklist/LockTable.h"

using namespace countyread::worklist;
using namespace std::chrono;

namespace {
const Instant t0 = sys_days{year{2024} / 5 / 6} + hours{2};
}

TEST(LockTable, SecondUserIsRefusedAndToldWhoHoldsIt) {
    LockTable locks;
    auto first = locks.acquire("1.2.3", "li", t0);
    ASSERT_TRUE(first);
    EXPECT_EQ(first.expires_at, t0 + minutes{15});
    auto second = locks.acquire("1.2.3", "wang", t0 + minutes{5});
    EXPECT_FALSE(second);
    EXPECT_EQ(second.holder, "li");
    EXPECT_EQ(second.expires_at, t0 + minutes{15});
    EXPECT_EQ(locks.holder("1.2.3", t0 + minutes{5}), "li");
    EXPECT_TRUE(locks.acquire("4.5.6", "wang", t0));  // other studies are independent
}

TEST(LockTable, ExpiredLocksAreFree) {
    LockTable locks;
    locks.acquire("1.2.3", "li", t0);
    EXPECT_FALSE(locks.acquire("1.2.3", "wang", t0 + minutes{15} - seconds{1}));
    auto taken = locks.acquire("1.2.3", "wang", t0 + minutes{15});  // expiry is exclusive
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken.holder, "wang");
    EXPECT_EQ(locks.holder("1.2.3", t0 + minutes{16}), "wang");
    EXPECT_EQ(locks.holder("1.2.3", t0 + minutes{31}), "");
    EXPECT_FALSE(locks.renew("1.2.3", "wang", t0 + minutes{31}));  // too late to renew
    EXPECT_EQ(locks.purgeExpired(t0 + minutes{31}), 1u);
    EXPECT_EQ(locks.size(), 0u);
}

TEST(LockTable, HolderRenewsAndReleases) {
    LockTable locks;
    locks.acquire("1.2.3", "li", t0);
    auto renewed = locks.renew("1.2.3", "li", t0 + minutes{14}, minutes{15});
    ASSERT_TRUE(renewed);
    EXPECT_EQ(renewed.expires_at, t0 + minutes{29});
    EXPECT_FALSE(locks.acquire("1.2.3", "wang", t0 + minutes{20}));  // still held thanks to renewal
    EXPECT_FALSE(locks.renew("1.2.3", "wang", t0 + minutes{20}));
    EXPECT_TRUE(locks.acquire("1.2.3", "li", t0 + minutes{20}));  // re-acquiring is renewing
    EXPECT_FALSE(locks.release("1.2.3", "wang"));
    EXPECT_TRUE(locks.release("1.2.3", "li"));
    EXPECT_TRUE(locks.acquire("1.2.3", "wang", t0 + minutes{21}));
}

TEST(LockTable, AdministratorForcesTheLockOver) {
    LockTable locks;
    locks.acquire("1.2.3", "li", t0);
    auto forced = locks.force("1.2.3", "zhao", t0 + minutes{1});
    EXPECT_TRUE(forced);
    EXPECT_EQ(locks.holder("1.2.3", t0 + minutes{2}), "zhao");
    auto li_again = locks.acquire("1.2.3", "li", t0 + minutes{2});
    EXPECT_FALSE(li_again);
    EXPECT_EQ(li_again.holder, "zhao");
}
