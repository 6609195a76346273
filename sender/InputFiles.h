#pragma once
// Expands what a technician hands the one-shot sender: files, folders (recursively) and CD
// imports with a DICOMDIR (its referenced files, found case-insensitively as CDs mount
// differently). A folder with a DICOMDIR at its top is read through the DICOMDIR, so viewer
// programs and autorun files on the CD are not mistaken for images.
#include <filesystem>
#include <string>
#include <vector>

namespace countyread::sender {

struct InputProblem {
    std::filesystem::path path;
    std::string message;
};

struct InputFiles {
    std::vector<std::filesystem::path> files;  // sorted, without duplicates
    std::vector<InputProblem> problems;        // missing paths, DICOMDIR entries not found
};

InputFiles collectInputs(const std::vector<std::filesystem::path>& paths);

// The files a DICOMDIR references (IMAGE and other leaf records), resolved against its folder.
InputFiles readDicomdir(const std::filesystem::path& dicomdir);

// True for a file named DICOMDIR (any case).
bool isDicomdirName(const std::filesystem::path& p);

}  // namespace countyread::sender
