// The archive at provincial scale, on the real server (SQLite index):
//  1. ingest of fresh 512x512 CT instances over one association into an empty archive and into
//     one whose index already holds --prefill rows (default 200,000): the ratio of the rates;
//  2. study-level C-FIND (one association, DcmSCU) with --instances rows indexed (default
//     1,000,000; 100 instances per study): median and p90 per kind of query.
// The large index is filled synthetically (realistic Chinese names, IDs, dates, 2 series per
// study) straight into the server's tables; the server then opens it as its own.
//
//   archive_bench [--prefill N] [--instances N] [--ingest N]
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/scu.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>

#include "dicom/archive/Database.h"
#include "dicom/archive/SqlArchiveIndex.h"
#include "dicom/net/StoreClient.h"
#include "sample-data/SampleGenerator.h"
#include "server/ServerApp.h"

using namespace countyread;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

int freePort() {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    close(s);
    return ntohs(a.sin_port);
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
                        "超", "秀英", "华", "建国", "桂英", "志强", "海燕", "红梅"};

// Adds `count` synthetic instances (100 per study, 2 series per study) to the index in `dir`.
void fill(const fs::path& dir, long long first, long long count) {
    auto db = dicom::openDatabase((dir / "index.sqlite").string());
    dicom::SqlArchiveIndex schema(db);  // creates / migrates the tables
    std::mt19937 rng(static_cast<unsigned>(first) + 7);
    const std::string now = "2026-11-24T08:00:00.000Z";
    const long long per_study = 100, per_series = 50;
    auto t0 = Clock::now();
    for (long long start = first; start < first + count; start += 20000) {
        db->transaction([&] {
            auto st = db->prepare(
                "INSERT INTO studies (study_uid, patient_id, patient_name, patient_birth_date, patient_sex, "
                "study_date, study_time, study_description, accession_number, institution_name, modality, "
                "source_ae, received_at, updated_at, instance_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            auto se = db->prepare("INSERT INTO series (series_uid, study_uid, modality, series_number, "
                                  "series_description, body_part) VALUES (?,?,?,?,?,?)");
            auto in = db->prepare(
                "INSERT INTO instances (sop_instance_uid, series_uid, study_uid, sop_class_uid, instance_number, "
                "transfer_syntax_uid, source_charset, rows_, columns_, blob_key, size_bytes, sha256, source_ae, "
                "received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            for (long long i = start; i < std::min(first + count, start + 20000); ++i) {
                long long study = i / per_study, series = i / per_series;
                std::string study_uid = "1.2.826.0.1.3680043.10.99." + std::to_string(study);
                std::string series_uid = study_uid + ".1." + std::to_string(series);
                if (i % per_study == 0) {
                    std::string name = std::string(kSurnames[rng() % 16]) + kGiven[rng() % 24];
                    char date[16];
                    std::snprintf(date, sizeof date, "2026%02d%02d", static_cast<int>(1 + study % 12),
                                  static_cast<int>(1 + study % 28));
                    st.reset();
                    st.bindAll({study_uid, "P" + std::to_string(study % 400000), name, "19600101",
                                rng() % 2 ? "M" : "F", date, "101500", "头颅CT平扫",
                                "A" + std::to_string(study), "问安镇卫生院", "CT",
                                "WENAN", now, now, per_study})
                        .step();
                }
                if (i % per_series == 0) {
                    se.reset();
                    se.bindAll({series_uid, study_uid, "CT", series % 2 + 1, "轴位", "HEAD"}).step();
                }
                in.reset();
                in.bindAll({series_uid + "." + std::to_string(i), series_uid, study_uid, "1.2.840.10008.5.1.4.1.1.2",
                            i % per_series + 1, "1.2.840.10008.1.2.1", "GB18030", 512, 512,
                            study_uid + "/" + std::to_string(i) + ".dcm", 525000, "0", "WENAN", now})
                    .step();
            }
        });
    }
    std::printf("  filled %lld instances in %.1f s\n", count, ms(Clock::now() - t0) / 1000);
}

struct Server {
    Server(const fs::path& data, int dicom_port) {
        server::ServerOptions o;
        o.data_dir = data;
        o.config = server::demoConfig(data);
        o.config.dicom_port = dicom_port;
        o.config.http_port = freePort();
        app = std::make_unique<server::ServerApp>(o);
        app->start();
    }
    std::unique_ptr<server::ServerApp> app;
};

// Instances/s for sending `files` over one association.
double ingestRate(const fs::path& data, const std::vector<fs::path>& files) {
    int port = freePort();
    Server s(data, port);
    auto t0 = Clock::now();
    auto out = dicom::StoreClient({"127.0.0.1", port, "WENAN", "COUNTY", 30}).send(files);
    double secs = ms(Clock::now() - t0) / 1000;
    for (auto& o : out)
        if (!o.ok) throw std::runtime_error("ingest failed: " + o.message);
    return files.size() / secs;
}

}  // namespace

int main(int argc, char** argv) {
    long long prefill = 200000, total = 1000000;
    int ingest = 300;
    for (int i = 1; i + 1 < argc; ++i) {
        std::string a = argv[i];
        if (a == "--prefill") prefill = std::atoll(argv[i + 1]);
        if (a == "--instances") total = std::atoll(argv[i + 1]);
        if (a == "--ingest") ingest = std::atoi(argv[i + 1]);
    }
    total = std::max(total, prefill);
    setenv("TCP_NODELAY", "1", 0);
    char tmpl[] = "/tmp/countyread-archive-bench-XXXXXX";
    fs::path tmp = mkdtemp(tmpl);

    // Fresh CT instances to ingest (new UIDs per generation; two sets, one per archive).
    auto makeFiles = [&](const std::string& name) {
        samples::SampleOptions so;
        so.out_dir = tmp / name;
        so.ct_slices = std::max(1, std::min(400, ingest));
        so.dr_size = 64;
        std::vector<fs::path> files;
        for (auto& s : samples::generateSamples(so))
            if (s.modality == "CT" && files.empty()) files = s.files;
        files.resize(std::min<size_t>(files.size(), ingest));
        return files;
    };
    std::printf("[archive bench] ingest of %d fresh 512x512 CT instances, one association, SQLite index\n", ingest);
    fs::create_directories(tmp / "full");
    fill(tmp / "full", 0, prefill);
    // Alternating runs (fresh instances each time) so that disk and machine noise hit both alike.
    std::vector<double> empty_rates, full_rates;
    for (int round = 0; round < 3; ++round) {
        empty_rates.push_back(ingestRate(tmp / "empty", makeFiles("e" + std::to_string(round))));
        full_rates.push_back(ingestRate(tmp / "full", makeFiles("f" + std::to_string(round))));
    }
    double empty_rate = pct(empty_rates, 0.5), full_rate = pct(full_rates, 0.5);
    std::printf("  empty archive            %7.1f instances/s (median of 3 runs)\n", empty_rate);
    std::printf("  %lld already indexed   %7.1f instances/s  -> %.2fx the empty rate (target >= 0.9x)\n", prefill,
                full_rate, full_rate / empty_rate);

    // Study-level C-FIND with `total` instances indexed.
    if (total > prefill) fill(tmp / "full", prefill, total - prefill);
    int port = freePort();
    Server s(tmp / "full", port);
    DcmSCU scu;
    scu.setPeerHostName("127.0.0.1");
    scu.setPeerPort(static_cast<Uint16>(port));
    scu.setAETitle("WENAN");
    scu.setPeerAETitle("COUNTY");
    OFList<OFString> ts;
    ts.push_back(UID_LittleEndianExplicitTransferSyntax);
    scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, ts);
    if (scu.initNetwork().bad() || scu.negotiateAssociation().bad()) {
        std::cerr << "cannot associate for C-FIND\n";
        return 1;
    }
    T_ASC_PresentationContextID pc = scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    std::mt19937 rng(99);
    struct Kind {
        const char* label;
        std::function<void(DcmDataset&)> keys;
    };
    long long studies = total / 100;
    std::vector<Kind> kinds = {
        {"PatientID exact", [&](DcmDataset& q) { q.putAndInsertString(DCM_PatientID, ("P" + std::to_string(rng() % std::min<long long>(studies, 400000))).c_str()); }},
        {"PatientName 王* + one day", [&](DcmDataset& q) {
             q.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
             q.putAndInsertString(DCM_PatientName, "王*");
             q.putAndInsertString(DCM_StudyDate, "20260315");
         }},
        {"StudyDate one day", [&](DcmDataset& q) { q.putAndInsertString(DCM_StudyDate, "20260315"); }},
        {"AccessionNumber exact", [&](DcmDataset& q) { q.putAndInsertString(DCM_AccessionNumber, ("A" + std::to_string(rng() % studies)).c_str()); }},
        {"StudyInstanceUID exact", [&](DcmDataset& q) { q.putAndInsertString(DCM_StudyInstanceUID, ("1.2.826.0.1.3680043.10.99." + std::to_string(rng() % studies)).c_str()); }},
    };
    std::printf("[archive bench] study-level C-FIND, %lld instances in %lld studies indexed (one association)\n",
                total, studies);
    std::vector<double> all;
    for (auto& k : kinds) {
        std::vector<double> times;
        size_t matches = 0;
        for (int i = 0; i < 40; ++i) {
            DcmDataset q;
            q.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
            for (auto tag : {DCM_StudyInstanceUID, DCM_PatientName, DCM_PatientID, DCM_StudyDate,
                             DCM_AccessionNumber, DCM_ModalitiesInStudy, DCM_NumberOfStudyRelatedInstances})
                q.insertEmptyElement(tag);
            k.keys(q);
            OFList<QRResponse*> responses;
            auto t0 = Clock::now();
            OFCondition c = scu.sendFINDRequest(pc, &q, &responses);
            times.push_back(ms(Clock::now() - t0));
            if (c.bad()) {
                std::cerr << "C-FIND failed: " << c.text() << "\n";
                return 1;
            }
            matches += responses.size() - 1;
            for (auto* r : responses) delete r;
        }
        all.insert(all.end(), times.begin(), times.end());
        std::printf("  %-28s median %7.2f ms  p90 %7.2f ms  (%.1f matches on average)\n", k.label, pct(times, 0.5),
                    pct(times, 0.9), static_cast<double>(matches) / times.size());
    }
    std::printf("  all study-level queries      median %7.2f ms (target <= 20 ms)\n", pct(all, 0.5));
    scu.releaseAssociation();
    s.app->stop();
    fs::remove_all(tmp);
    return 0;
}
