// countyread-send: sends DICOM files and folders from a township to the county server,
// printing one status line per file and a summary. Exit 0 only when every file was accepted.
#include <CLI/CLI.hpp>

#include <iostream>

#include "dicom/net/StoreClient.h"

int main(int argc, char** argv) {
    using namespace countyread::dicom;
    CLI::App app{"CountyRead township sender: sends studies to the county by C-STORE"};
    PeerAddress peer;
    peer.calling_ae = "TOWNSHIP";
    std::vector<std::string> paths;
    app.add_option("--host", peer.host, "county server host")->required();
    app.add_option("--port", peer.port, "county DICOM port")->required();
    app.add_option("--aet", peer.calling_ae, "this township's AE title (calling AE)")->required();
    app.add_option("--called-aet", peer.called_ae, "the county's AE title")->required();
    app.add_option("--timeout", peer.timeout_s, "network timeout in seconds");
    app.add_option("paths", paths, "DICOM files or folders")->required();
    CLI11_PARSE(app, argc, argv);

    std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
    auto files = collectFiles(inputs);
    if (files.empty()) {
        std::cerr << "countyread-send: no files found in the given paths\n";
        return 2;
    }
    std::cout << "sending " << files.size() << " file(s) to " << peer.called_ae << "@" << peer.host
              << ":" << peer.port << " as " << peer.calling_ae << std::endl;
    size_t ok = 0, failed = 0;
    try {
        StoreClient client(peer);
        client.send(files, [&](const SendOutcome& o) {
            (o.ok ? ok : failed)++;
            std::cout << (o.ok ? "OK     " : "FAILED ") << o.file.string();
            if (!o.message.empty()) std::cout << "  (" << o.message << ")";
            std::cout << std::endl;
        });
    } catch (const std::exception& e) {
        std::cerr << "countyread-send: " << e.what() << "\n";
        return 3;
    }
    std::cout << ok << " sent, " << failed << " failed" << std::endl;
    return failed == 0 ? 0 : 1;
}
