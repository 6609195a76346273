// countyread-samples: writes demo township studies (DR chest, CT head, CT chest) for CountyRead.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "SampleGenerator.h"

int main(int argc, char** argv) {
    countyread::samples::SampleOptions options;
    std::string out;
    CLI::App app{"Generates realistic township studies (GB18030, GBK, UTF-8, ISO 2022 IR 58)"};
    app.add_option("--out", out, "Output folder (one sub-folder per study)")->required();
    app.add_option("--township-aet", options.township_aet, "Township modality AE title")
        ->capture_default_str();
    app.add_option("--institution", options.institution, "Institution name (UTF-8)")
        ->capture_default_str();
    app.add_option("--dr-size", options.dr_size, "DR rows = columns (64..4096)")
        ->capture_default_str();
    app.add_option("--ct-slices", options.ct_slices, "CT head slices, 5 mm apart (1..400)")
        ->capture_default_str();
    app.add_option("--ct-size", options.ct_size, "CT rows = columns (64..1024)")
        ->capture_default_str();
    app.add_option("--seed", options.seed, "Phantom variation and noise seed")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    options.out_dir = out;

    try {
        for (const auto& study : countyread::samples::generateSamples(options)) {
            std::cout << study.study_uid << "  " << study.modality << "  " << study.charset << "  "
                      << study.patient_name_utf8 << "  " << study.files.size() << " file(s)  "
                      << study.directory.string() << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "countyread-samples: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
