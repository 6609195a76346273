#pragma once
// The archive: blob store + index, with the ingest rules (validation, duplicates, durability).
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "dicom/archive/IArchiveIndex.h"
#include "dicom/archive/IBlobStore.h"

namespace countyread::dicom {

struct IngestResult {
    IndexOutcome outcome;
    StoredInstance stored;
};

class Archive {
public:
    Archive(std::shared_ptr<IBlobStore> blobs, std::shared_ptr<IArchiveIndex> index);

    // Takes ownership of `temp_file` (written and fsynced in stagingDir()). When this returns,
    // the file and its index row are durable. Throws DicomError on invalid identifiers.
    IngestResult ingest(const std::filesystem::path& temp_file, const InstanceInfo& info,
                        const std::string& source_ae);
    // Convenience: stores Part 10 bytes (used for reports created by the server itself).
    IngestResult ingestBytes(const Bytes& part10, const std::string& source_ae);

    Bytes readInstance(const std::string& sop_instance_uid);
    // Removes committed files no index row references (left by a crash between the file's
    // rename and its row's commit, when the sender never re-sent). Only files older than
    // `min_age` are touched, so a row another server is about to commit is never raced.
    // Returns how many were removed.
    int sweepOrphans(std::chrono::seconds min_age = std::chrono::minutes(10));
    IArchiveIndex& index() { return *index_; }
    IBlobStore& blobs() { return *blobs_; }
    std::filesystem::path newStagingFile() const;

private:
    std::shared_ptr<IBlobStore> blobs_;
    std::shared_ptr<IArchiveIndex> index_;
};

std::string sha256File(const std::filesystem::path& file);
std::string nowIso8601();

}  // namespace countyread::dicom
