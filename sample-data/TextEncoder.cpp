#include "TextEncoder.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <iconv.h>

#include <cerrno>
#include <memory>
#include <stdexcept>

namespace countyread::samples {

TextEncoder::TextEncoder(std::string charset) : charset_(std::move(charset)) {}

std::string TextEncoder::convert(const std::string& text, const char* to, const char* from) {
    iconv_t cd = ::iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw std::runtime_error(std::string("iconv cannot convert ") + from + " to " + to);
    }
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, ::iconv_close);
    std::string out(text.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    size_t in_left = text.size();
    char* dst = out.data();
    size_t out_left = out.size();
    if (::iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<size_t>(-1)) {
        throw std::runtime_error(std::string("cannot encode \"") + text + "\" in " + to);
    }
    out.resize(out.size() - out_left);
    return out;
}

std::string TextEncoder::toIso2022Ir58(const std::string& utf8) {
    // G0 stays ASCII; Chinese goes to G1, designated before each run because the delimiters
    // ^ = \ reset the designation (PS3.5 6.1.2.5.3, example in Annex K).
    std::string out, run;
    auto flush = [&] {
        if (run.empty()) return;
        out += "\x1b$)A";
        out += convert(run, "GB2312", "UTF-8");  // glibc's GB2312 is EUC-CN: high bits set
        run.clear();
    };
    for (unsigned char c : utf8) {
        if (c < 0x80) {
            flush();
            out += static_cast<char>(c);
        } else {
            run += static_cast<char>(c);
        }
    }
    flush();
    return out;
}

void TextEncoder::encodeIso2022(DcmItem& item) const {
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* element = item.getElement(i);
        if (element->ident() == EVR_SQ) {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long k = 0; k < sequence->card(); ++k)
                encodeIso2022(*sequence->getItem(k));
            continue;
        }
        if (!element->isAffectedBySpecificCharacterSet()) continue;
        OFString value;
        if (element->getOFStringArray(value).bad()) continue;
        std::string text(value.c_str(), value.length());
        std::string encoded = toIso2022Ir58(text);
        if (encoded != text)
            element->putString(encoded.c_str(), static_cast<Uint32>(encoded.size()));
    }
}

void TextEncoder::encode(DcmItem& dataset) const {
    if (charset_ == "ISO_IR 192") return;
    if (charset_ == kIso2022Ir58) {
        encodeIso2022(dataset);
        dataset.putAndInsertString(DCM_SpecificCharacterSet, kIso2022Ir58);
        return;
    }
    OFCondition status = dataset.convertCharacterSet(charset_.c_str());
    if (status.bad()) {
        throw std::runtime_error("DCMTK cannot convert to " + charset_ + ": " + status.text());
    }
    OFString written;
    dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, written);
    if (written != charset_.c_str()) {
        throw std::runtime_error("Specific Character Set is \"" + std::string(written.c_str()) +
                                 "\" instead of " + charset_);
    }
}

}  // namespace countyread::samples
