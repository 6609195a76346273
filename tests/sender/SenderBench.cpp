// sender_bench: the township line benchmark (run by bench/sender_bench.sh, not by ctest).
// Sends a folder with the real countyread-send through a proxy limited to a rural line's rate
// into an in-process county, without and then with JPEG-LS lossless compression; prints the
// time to deliver, the bytes on the wire and the ratios against the uncompressed run.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "tests/sender/FaultProxy.h"
#include "tests/sender/TestCounty.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
namespace fs = std::filesystem;

namespace {

struct Run {
    double seconds = 0;
    int64_t wire = 0;
    size_t delivered = 0;
    int exit_code = -1;
};

Run sendOnce(const fs::path& folder, int64_t rate_bytes, int associations, bool compress) {
    test::TempDir tmp("countyread-bench");
    test::TestCounty county(tmp / "county");
    county.start(test::freePort());
    test::FaultProxyOptions po;
    po.upstream_port = county.port();
    po.rate_bytes_per_s = rate_bytes;
    test::FaultProxy line(po);
    std::vector<std::string> args = {test::binPath("countyread-send").string(),
                                     "--host",
                                     "127.0.0.1",
                                     "--port",
                                     std::to_string(line.port()),
                                     "--aet",
                                     "WENAN",
                                     "--called-aet",
                                     "COUNTY",
                                     "--associations",
                                     std::to_string(associations),
                                     "--timeout",
                                     "60"};
    if (compress) args.push_back("--compress");
    args.push_back(folder.string());
    auto t0 = std::chrono::steady_clock::now();
    auto r = test::run(args, std::chrono::seconds(3600));
    Run out;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.exit_code = r.exit_code;
    out.wire = line.bytesUpstream() + line.bytesDownstream();
    out.delivered = county.distinct();
    if (r.exit_code != 0) std::cerr << r.output << "\n";
    auto summary = r.output.rfind("bytes:");
    if (summary != std::string::npos)
        std::cout << "  countyread-send: " << r.output.substr(summary);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: sender_bench FOLDER [RATE_KBPS=4000] [ASSOCIATIONS=2]\n";
        return 2;
    }
    const fs::path folder = argv[1];
    const int64_t kbps = argc > 2 ? std::stoll(argv[2]) : 4000;
    const int associations = argc > 3 ? std::stoi(argv[3]) : 2;
    size_t files = 0;
    int64_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file()) {
            ++files;
            bytes += static_cast<int64_t>(e.file_size());
        }
    std::printf("[bench] %zu files, %.1f MB, line limited to %lld kbit/s, %d association(s)\n",
                files, static_cast<double>(bytes) / 1e6, static_cast<long long>(kbps),
                associations);
    const int64_t rate = kbps * 1000 / 8;
    std::printf("[bench] uncompressed (reference)...\n");
    auto plain = sendOnce(folder, rate, associations, false);
    std::printf("[bench] JPEG-LS lossless...\n");
    auto jls = sendOnce(folder, rate, associations, true);
    std::printf("\n%-22s %10s %14s %12s %10s\n", "mode", "seconds", "bytes on wire", "effective",
                "delivered");
    auto row = [&](const char* name, const Run& r) {
        std::printf("%-22s %10.1f %14lld %9.2f Mb/s %6zu/%zu%s\n", name, r.seconds,
                    static_cast<long long>(r.wire),
                    static_cast<double>(r.wire) * 8 / r.seconds / 1e6, r.delivered, files,
                    r.exit_code == 0 ? "" : "  (send failed)");
    };
    row("uncompressed", plain);
    row("JPEG-LS lossless", jls);
    std::printf("\ncompressed / uncompressed: time %.2f, bytes on the wire %.2f (%.1fx faster)\n",
                jls.seconds / plain.seconds,
                static_cast<double>(jls.wire) / static_cast<double>(plain.wire),
                plain.seconds / jls.seconds);
    return plain.exit_code == 0 && jls.exit_code == 0 ? 0 : 1;
}
