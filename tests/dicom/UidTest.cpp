#include <gtest/gtest.h>

#include "dicom/archive/FileBlobStore.h"
#include "dicom/model/Uid.h"

using namespace countyread::dicom;

TEST(Uid, AcceptsValidUids) {
    EXPECT_TRUE(isValidUid("1.2.840.10008.5.1.4.1.1.2"));
    EXPECT_TRUE(isValidUid("2.25.0"));
    EXPECT_TRUE(isValidUid(newUid()));
}

TEST(Uid, RejectsCraftedOrMalformedUids) {
    EXPECT_FALSE(isValidUid(""));
    EXPECT_FALSE(isValidUid("../../etc/passwd"));
    EXPECT_FALSE(isValidUid("1.2/../../x"));
    EXPECT_FALSE(isValidUid("1..2"));
    EXPECT_FALSE(isValidUid(".1.2"));
    EXPECT_FALSE(isValidUid("1.2."));
    EXPECT_FALSE(isValidUid("1.02.3"));
    EXPECT_FALSE(isValidUid("1.2.3 "));
    EXPECT_FALSE(isValidUid(std::string(65, '1')));
}

TEST(BlobStore, KeysCannotEscapeTheRoot) {
    EXPECT_TRUE(FileBlobStore::validKey("1.2.3/1.2.3.4.dcm"));
    EXPECT_FALSE(FileBlobStore::validKey("../1.dcm"));
    EXPECT_FALSE(FileBlobStore::validKey("1.2/../../x.dcm"));
    EXPECT_FALSE(FileBlobStore::validKey("/etc/passwd"));
    EXPECT_FALSE(FileBlobStore::validKey("1.2/.hidden"));
    EXPECT_FALSE(FileBlobStore::validKey("a/b/c/d"));
}
