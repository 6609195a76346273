#include "sender/InputFiles.h"

#include <dcmtk/dcmdata/dctk.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Resolves a path component by component, ignoring case where the exact name is missing
// (ISO 9660 names are upper case; some mounts show them in lower case).
std::optional<fs::path> resolveCaseInsensitive(const fs::path& base,
                                               const std::vector<std::string>& parts) {
    fs::path cur = base;
    for (const auto& part : parts) {
        fs::path exact = cur / part;
        if (fs::exists(exact)) {
            cur = exact;
            continue;
        }
        bool found = false;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(cur, ec)) {
            auto name = e.path().filename().string();
            // "IMG0001." and "IMG0001" both appear on CDs.
            auto strip = [](std::string s) {
                while (!s.empty() && s.back() == '.') s.pop_back();
                return s;
            };
            if (upper(strip(name)) == upper(strip(part))) {
                cur = e.path();
                found = true;
                break;
            }
        }
        if (!found) return std::nullopt;
    }
    return cur;
}

void scanFolder(const fs::path& dir, InputFiles& out) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file()) continue;
        if (isDicomdirName(it->path())) continue;
        out.files.push_back(it->path());
    }
}

}  // namespace

bool isDicomdirName(const fs::path& p) { return upper(p.filename().string()) == "DICOMDIR"; }

InputFiles readDicomdir(const fs::path& dicomdir) {
    InputFiles out;
    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(dicomdir.c_str());
    if (cond.bad()) {
        out.problems.push_back({dicomdir, std::string("cannot read DICOMDIR: ") + cond.text()});
        return out;
    }
    DcmSequenceOfItems* records = nullptr;
    if (ff.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() ||
        !records) {
        out.problems.push_back({dicomdir, "DICOMDIR has no directory records"});
        return out;
    }
    const fs::path base = dicomdir.parent_path().empty() ? fs::path(".") : dicomdir.parent_path();
    for (unsigned long i = 0; i < records->card(); ++i) {
        DcmItem* rec = records->getItem(i);
        OFString id;
        if (rec->findAndGetOFStringArray(DCM_ReferencedFileID, id).bad() || id.empty()) continue;
        // Components are separated by backslashes (the value multiplicity separator).
        std::vector<std::string> parts;
        std::string s(id.c_str());
        size_t start = 0;
        while (start <= s.size()) {
            size_t end = s.find('\\', start);
            if (end == std::string::npos) end = s.size();
            std::string part = s.substr(start, end - start);
            while (!part.empty() && part.back() == ' ') part.pop_back();
            if (!part.empty()) parts.push_back(part);
            start = end + 1;
        }
        if (parts.empty()) continue;
        if (auto p = resolveCaseInsensitive(base, parts); p && fs::is_regular_file(*p))
            out.files.push_back(*p);
        else
            out.problems.push_back({base / s, "listed in the DICOMDIR but not found"});
    }
    return out;
}

InputFiles collectInputs(const std::vector<fs::path>& paths) {
    InputFiles out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::optional<fs::path> dicomdir;
            for (const auto& e : fs::directory_iterator(p, ec))
                if (e.is_regular_file() && isDicomdirName(e.path())) dicomdir = e.path();
            if (dicomdir) {
                auto sub = readDicomdir(*dicomdir);
                out.files.insert(out.files.end(), sub.files.begin(), sub.files.end());
                out.problems.insert(out.problems.end(), sub.problems.begin(), sub.problems.end());
            } else {
                scanFolder(p, out);
            }
        } else if (fs::is_regular_file(p, ec)) {
            if (isDicomdirName(p)) {
                auto sub = readDicomdir(p);
                out.files.insert(out.files.end(), sub.files.begin(), sub.files.end());
                out.problems.insert(out.problems.end(), sub.problems.begin(), sub.problems.end());
            } else {
                out.files.push_back(p);
            }
        } else {
            out.problems.push_back({p, "no such file or folder"});
        }
    }
    std::sort(out.files.begin(), out.files.end());
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
    return out;
}

}  // namespace countyread::sender
