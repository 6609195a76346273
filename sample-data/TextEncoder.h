#pragma once
// Encodes the text of a dataset built in UTF-8 into the character set a study is sent in.
// GB18030, GBK and ISO_IR 192 go through DCMTK (glibc iconv); DCMTK cannot encode into a
// character set with code extensions, so "\ISO 2022 IR 58" is written by hand (PS3.5 6.1.2.5):
// every run of Chinese characters is GB2312 in its 8-bit (EUC-CN) form, preceded by ESC $ ) A.
#include <string>

class DcmItem;

namespace countyread::samples {

class TextEncoder {
public:
    static constexpr const char* kIso2022Ir58 = "\\ISO 2022 IR 58";

    explicit TextEncoder(std::string charset);

    // `dataset` holds UTF-8 text and Specific Character Set "ISO_IR 192"; afterwards its
    // text and Specific Character Set are in the target charset. Throws std::runtime_error.
    void encode(DcmItem& dataset) const;

    // One value for "\ISO 2022 IR 58", e.g. "Liu^Yang=刘^洋" ->
    // "Liu^Yang=ESC$)A<C1F5>^ESC$)A<D1F3>".
    static std::string toIso2022Ir58(const std::string& utf8);
    // Converts with glibc iconv; throws std::runtime_error on unconvertible input.
    static std::string convert(const std::string& text, const char* to, const char* from);

private:
    void encodeIso2022(DcmItem& item) const;

    std::string charset_;
};

}  // namespace countyread::samples
