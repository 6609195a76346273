// Sign, verify and deliver one report, end to end, as the radiologist's workstation and the
// county server do it: the SR is built and signed with the radiologist's key (client side),
// POSTed to a running server, which verifies the signature against the registered
// certificate, archives the SR, renders and archives the PDF, and C-STOREs both to the
// township's listener. Timed until the township holds both. Reference in the same run: one
// bare C-STORE of the same signed SR to the same listener.
//
//   report_bench [--reports N]      (default 20)
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "dicom/model/DicomFile.h"
#include "dicom/net/StoreClient.h"
#include "dicom/net/StoreListener.h"
#include "dicom/sign/DemoPki.h"
#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "sample-data/SampleGenerator.h"
#include "server/ServerApp.h"
#include "worklist/PasswordHasher.h"

using namespace countyread;
using nlohmann::json;
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

// The township's listener: notes when each study's SR and PDF arrive.
class Township : public dicom::IStoreHandler {
public:
    dicom::StoreStatus onStore(const dicom::ReceivedInstance& in) override {
        std::lock_guard lock(mutex_);
        arrived_[in.info.study_uid].insert(in.info.modality);
        fs::remove(in.temp_file);
        cv_.notify_all();
        return {0, {}};
    }
    bool waitFor(const std::string& study, size_t count, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] { return arrived_[study].size() >= count; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::map<std::string, std::set<std::string>> arrived_;
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
    std::vector<double> v;
    double pct(double p) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
    }
};

}  // namespace

int main(int argc, char** argv) {
    int reports = 20;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--reports") reports = std::max(1, std::atoi(argv[i + 1]));
    setenv("TCP_NODELAY", "1", 0);
    char tmpl[] = "/tmp/countyread-report-bench-XXXXXX";
    fs::path tmp = mkdtemp(tmpl);

    dicom::DemoPki pki(tmp / "pki");
    auto li = pki.issue("li", "李明", "pw");
    int dicom_port = freePort(), http_port = freePort(), township_port = freePort();
    auto hash = worklist::hashPassword("secret");
    std::ofstream(tmp / "county.toml") << "[server]\naet = \"COUNTY\"\n"
        << "[[township]]\nid = \"wenan\"\nname = \"问安镇卫生院\"\naet = \"WENAN\"\nhost = \"127.0.0.1\"\nport = "
        << township_port << "\n[[radiologist]]\nid = \"li\"\nname = \"李明\"\nmodalities = [\"CT\", \"DX\"]\n"
        << "certificate = \"pki/li.pem\"\n[[user]]\nid = \"li\"\nrole = \"radiologist\"\npassword_hash = \""
        << hash << "\"\n";
    server::ServerOptions options;
    options.data_dir = tmp / "data";
    options.config = server::loadConfig(tmp / "county.toml");
    options.config.dicom_port = dicom_port;
    options.config.http_port = http_port;
    server::ServerApp app(options);
    app.start();
    Township township;
    dicom::ListenerConfig tcfg;
    tcfg.aet = "WENAN";
    tcfg.port = township_port;
    tcfg.staging_dir = tmp / "township";
    dicom::StoreListener listener(tcfg, township);
    listener.start();

    // The studies to report on: the sample generator's township studies, small sizes.
    std::vector<samples::GeneratedStudy> studies;
    for (int round = 0; static_cast<int>(studies.size()) < reports; ++round) {
        samples::SampleOptions so;
        so.out_dir = tmp / ("samples" + std::to_string(round));
        so.dr_size = 512;
        so.ct_slices = 4;
        so.ct_size = 256;
        for (auto& s : samples::generateSamples(so)) studies.push_back(s);
    }
    studies.resize(reports);
    for (auto& s : studies) {
        auto out = dicom::StoreClient({"127.0.0.1", dicom_port, "WENAN", "COUNTY", 10}).send(s.files);
        for (auto& o : out)
            if (!o.ok) {
                std::cerr << "ingest failed: " << o.message << "\n";
                return 1;
            }
    }
    httplib::Client http("127.0.0.1", http_port);
    auto login = http.Post("/api/v1/login", json{{"user", "li"}, {"password", "secret"}}.dump(), "application/json");
    if (!login || login->status != 200) {
        std::cerr << "login failed\n";
        return 1;
    }
    httplib::Headers auth{{"Authorization", "Bearer " + json::parse(login->body)["token"].get<std::string>()}};
    dicom::SigningIdentity identity{li.key_pem, "pw", [&] {
                                        std::ifstream in(li.cert_pem);
                                        return std::string(std::istreambuf_iterator<char>(in), {});
                                    }()};

    Stats sign, post, deliver, total, bare;
    for (auto& s : studies) {
        auto info = dicom::readInstanceInfo(s.files.front());
        std::vector<dicom::InstanceInfo> refs;
        for (auto& f : s.files) refs.push_back(dicom::readInstanceInfo(f));
        dicom::ReportContent c;
        c.findings = "两肺纹理清晰，未见明显实变影。心影大小形态正常。";
        c.impression = "未见明显异常。";
        c.author = {"li", "李明", "县人民医院放射科"};
        auto t0 = Clock::now();
        auto signed_sr = dicom::signDataset(dicom::buildReportSr(info, refs, c), identity);
        auto t1 = Clock::now();
        auto res = http.Post("/api/v1/reports/" + s.study_uid, auth,
                             std::string(signed_sr.begin(), signed_sr.end()), "application/dicom");
        auto t2 = Clock::now();
        if (!res || res->status != 201) {
            std::cerr << "report refused: " << (res ? res->body : "no answer") << "\n";
            return 1;
        }
        if (!township.waitFor(s.study_uid, 2, std::chrono::seconds(30))) {
            std::cerr << "the township did not receive the SR and the PDF\n";
            return 1;
        }
        auto t3 = Clock::now();
        sign.v.push_back(ms(t1 - t0));
        post.v.push_back(ms(t2 - t1));
        deliver.v.push_back(ms(t3 - t2));
        total.v.push_back(ms(t3 - t0));
        // Reference: the same signed SR, one bare C-STORE to the same listener.
        auto file = tmp / "bare.dcm";
        dicom::writeFileBytes(file, signed_sr);
        auto b0 = Clock::now();
        dicom::StoreClient({"127.0.0.1", township_port, "COUNTY", "WENAN", 10}).send({file});
        bare.v.push_back(ms(Clock::now() - b0));
    }
    std::printf("[report bench] %d reports (sign on the workstation, POST, verify, archive SR + PDF, deliver both)\n",
                reports);
    std::printf("  sign (client, RSA-2048/SHA-256)    median %7.1f ms  p90 %7.1f ms\n", sign.pct(0.5), sign.pct(0.9));
    std::printf("  POST: verify + store SR + PDF      median %7.1f ms  p90 %7.1f ms\n", post.pct(0.5), post.pct(0.9));
    std::printf("  delivery to the township (2 objs)  median %7.1f ms  p90 %7.1f ms\n", deliver.pct(0.5), deliver.pct(0.9));
    std::printf("  end to end                         median %7.1f ms  p90 %7.1f ms  max %7.1f ms (target <= 500 ms)\n",
                total.pct(0.5), total.pct(0.9), total.pct(1.0));
    std::printf("  reference: bare C-STORE of the SR  median %7.1f ms -> end to end = %.1fx the bare C-STORE\n",
                bare.pct(0.5), total.pct(0.5) / std::max(0.001, bare.pct(0.5)));
    listener.stop();
    app.stop();
    fs::remove_all(tmp);
    return total.pct(0.5) <= 500 ? 0 : 2;
}
