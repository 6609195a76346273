#include "dicom/archive/Archive.h"

#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>

#include "dicom/model/Uid.h"

namespace countyread::dicom {

namespace fs = std::filesystem;

std::string sha256File(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw DicomError("cannot read " + file.string());
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) EVP_DigestUpdate(ctx, buf.data(), static_cast<size_t>(in.gcount()));
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 15]);
    }
    return out;
}

std::string nowIso8601() {
    auto now = std::chrono::system_clock::now();
    auto t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms.count()));
    return buf;
}

Archive::Archive(std::shared_ptr<IBlobStore> blobs, std::shared_ptr<IArchiveIndex> index)
    : blobs_(std::move(blobs)), index_(std::move(index)) {}

fs::path Archive::newStagingFile() const {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return blobs_->stagingDir() / (std::to_string(rng()) + ".part");
}

IngestResult Archive::ingest(const fs::path& temp_file, const InstanceInfo& info,
                             const std::string& source_ae) {
    for (const auto* uid : {&info.study_uid, &info.series_uid, &info.sop_instance_uid}) {
        if (!isValidUid(*uid)) {
            std::error_code ec;
            fs::remove(temp_file, ec);
            throw DicomError("invalid UID '" + *uid + "'");
        }
    }
    StoredInstance stored;
    stored.info = info;
    stored.blob_key = info.study_uid + "/" + info.sop_instance_uid + ".dcm";
    stored.size_bytes = static_cast<int64_t>(fs::file_size(temp_file));
    stored.sha256 = sha256File(temp_file);
    stored.source_ae = source_ae;
    stored.received_at = nowIso8601();

    if (auto existing = index_->findInstance(info.sop_instance_uid);
        existing && existing->sha256 == stored.sha256) {
        fs::remove(temp_file);
        return {IndexOutcome::IdenticalDuplicate, *existing};
    }
    // File first (atomic rename), then the row: a crash in between leaves at most an
    // unreferenced file, never a row without its file.
    blobs_->commit(temp_file, stored.blob_key);
    std::string previous;
    auto outcome = index_->addInstance(stored, &previous);
    if (outcome == IndexOutcome::Replaced && !previous.empty() && previous != stored.blob_key)
        blobs_->remove(previous);
    return {outcome, stored};
}

IngestResult Archive::ingestBytes(const Bytes& part10, const std::string& source_ae) {
    auto info = readInstanceInfo(part10);
    auto temp = newStagingFile();
    writeFileBytes(temp, part10);
    return ingest(temp, info, source_ae);
}

Bytes Archive::readInstance(const std::string& sop_instance_uid) {
    auto found = index_->findInstance(sop_instance_uid);
    if (!found) throw DicomError("no such instance " + sop_instance_uid);
    return blobs_->read(found->blob_key);
}

int Archive::sweepOrphans(std::chrono::seconds min_age) {
    const auto cutoff = std::filesystem::file_time_type::clock::now() - min_age;
    std::vector<std::string> orphans;
    blobs_->forEach([&](const std::string& key, std::filesystem::file_time_type written) {
        if (written < cutoff && !index_->referencesBlob(key)) orphans.push_back(key);
    });
    int removed = 0;
    for (const auto& key : orphans) {
        if (index_->referencesBlob(key)) continue;  // indexed meanwhile
        blobs_->remove(key);
        ++removed;
    }
    return removed;
}

}  // namespace countyread::dicom
