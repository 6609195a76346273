#include "report/ReportPdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace countyread::report {

namespace {

constexpr double kPageW = 595.28;  // A4 in points
constexpr double kPageH = 841.89;
constexpr double kMargin = 50.0;
constexpr double kBottom = kPageH - 70.0;  // the footer lives below this line
constexpr double kTextW = kPageW - 2 * kMargin;
constexpr const char* kSans = "Noto Sans CJK SC";
constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr int kMaxThumb = 400;  // key images are downsampled to at most this many pixels

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<uint8_t>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// Lays out text with Pango and draws it line by line, starting new pages as needed.
class Writer {
public:
    Writer(cairo_t* cr, const ReportPdfContent& c) : cr_(cr), c_(c), layout_(pango_cairo_create_layout(cr)) {
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    }
    ~Writer() { g_object_unref(layout_); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    double y = kMargin;

    // Draws `text` in a box of `width` at x, from the current y; returns the height used.
    double text(const std::string& text, double x, double width, double size, bool bold = false,
                PangoAlignment align = PANGO_ALIGN_LEFT, const char* family = kSans,
                bool advance = true) {
        setFont(family, size, bold);
        pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_alignment(layout_, align);
        pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
        double start = y;
        double used = 0;
        PangoLayoutIter* it = pango_layout_get_iter(layout_);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            double line_h = static_cast<double>(logical.height) / PANGO_SCALE;
            double baseline = static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
            if (advance && y + line_h > kBottom) newPage();
            cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, y + baseline);
            pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
            y += line_h;
            used += line_h;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        if (!advance) y = start;
        return used;
    }

    void rule(double width = 0.8) {
        cairo_set_line_width(cr_, width);
        cairo_move_to(cr_, kMargin, y);
        cairo_line_to(cr_, kPageW - kMargin, y);
        cairo_stroke(cr_);
    }

    void ensure(double height) {
        if (y + height > kBottom) newPage();
    }

    void newPage() {
        footer();
        cairo_show_page(cr_);
        ++page_;
        y = kMargin;
        text(c_.hospital + "  " + c_.title + "（续）  " + c_.patient_name, kMargin, kTextW, 9, false,
             PANGO_ALIGN_LEFT, kSans, false);
        y += 18;
        rule(0.5);
        y += 8;
    }

    void footer() {
        double keep = y;
        y = kBottom + 14;
        cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
        rule(0.5);
        y += 4;
        text("本报告已经数字签名，扫描二维码可核验真伪；仅供临床参考。  第 " + std::to_string(page_) + " 页",
             kMargin, kTextW, 8, false, PANGO_ALIGN_CENTER, kSans, false);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        y = keep;
    }

private:
    void setFont(const char* family, double size, bool bold) {
        PangoFontDescription* d = pango_font_description_new();
        pango_font_description_set_family(d, family);
        pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
        pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout_, d);
        pango_font_description_free(d);
    }

    cairo_t* cr_;
    const ReportPdfContent& c_;
    PangoLayout* layout_;
    int page_ = 1;
};

void drawQr(cairo_t* cr, const std::string& data, double x, double y, double size) {
    QRcode* qr = QRcode_encodeString(data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) throw PdfError("cannot encode the QR code (" + std::to_string(data.size()) + " bytes)");
    int n = qr->width;
    double m = size / (n + 2);  // a one-module quiet zone on each side (the page is white)
    for (int r = 0; r < n; ++r)
        for (int col = 0; col < n; ++col)
            if (qr->data[r * n + col] & 1) cairo_rectangle(cr, x + (col + 1) * m, y + (r + 1) * m, m, m);
    cairo_fill(cr);
    QRcode_free(qr);
}

// Box-filter downsampling of an 8-bit image so that neither side exceeds kMaxThumb.
KeyImage shrink(const KeyImage& in) {
    int step = std::max(1, (std::max(in.width, in.height) + kMaxThumb - 1) / kMaxThumb);
    if (step == 1) return in;
    KeyImage out;
    out.width = in.width / step;
    out.height = in.height / step;
    out.caption = in.caption;
    out.grey.resize(static_cast<size_t>(out.width) * out.height);
    for (int r = 0; r < out.height; ++r)
        for (int c = 0; c < out.width; ++c) {
            unsigned sum = 0;
            for (int dr = 0; dr < step; ++dr)
                for (int dc = 0; dc < step; ++dc)
                    sum += in.grey[static_cast<size_t>(r * step + dr) * in.width + c * step + dc];
            out.grey[static_cast<size_t>(r) * out.width + c] = static_cast<uint8_t>(sum / (step * step));
        }
    return out;
}

void drawImage(cairo_t* cr, const KeyImage& img, double x, double y, double w, double h) {
    std::unique_ptr<cairo_surface_t, CairoDeleter> s(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height));
    cairo_surface_flush(s.get());
    int stride = cairo_image_surface_get_stride(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    for (int r = 0; r < img.height; ++r) {
        auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(r) * stride);
        for (int c = 0; c < img.width; ++c) {
            uint32_t v = img.grey[static_cast<size_t>(r) * img.width + c];
            row[c] = (v << 16) | (v << 8) | v;
        }
    }
    cairo_surface_mark_dirty(s.get());
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / img.width, h / img.height);
    cairo_set_source_surface(cr, s.get(), 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
}

}  // namespace

std::vector<uint8_t> renderReportPdf(const ReportPdfContent& c) {
    for (const auto& k : c.key_images)
        if (k.width <= 0 || k.height <= 0 || k.grey.size() != static_cast<size_t>(k.width) * k.height)
            throw PdfError("a key image has inconsistent dimensions");
    std::vector<uint8_t> out;
    std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
        cairo_pdf_surface_create_for_stream(appendBytes, &out, kPageW, kPageH));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, (c.title + " " + c.patient_name).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "CountyRead");
    {
        std::unique_ptr<cairo_t, CairoDeleter> holder(cairo_create(surface.get()));
        cairo_t* cr = holder.get();
        Writer w(cr, c);
        cairo_set_source_rgb(cr, 0, 0, 0);

        // Header: the county hospital, the report title, the township.
        w.text(c.hospital, kMargin, kTextW, 20, true, PANGO_ALIGN_CENTER, kSerif);
        w.y += 2;
        w.text(c.title + (c.addendum ? "（补充报告）" : ""), kMargin, kTextW, 16, true, PANGO_ALIGN_CENTER, kSerif);
        w.y += 4;
        w.text((c.department.empty() ? "" : c.department + "　") + "远程诊断 · 送检单位：" + c.township,
               kMargin, kTextW, 10, false, PANGO_ALIGN_CENTER);
        if (c.critical_finding) {
            cairo_set_source_rgb(cr, 0.8, 0, 0);
            cairo_set_line_width(cr, 1.5);
            cairo_rectangle(cr, kPageW - kMargin - 70, kMargin - 4, 70, 26);
            cairo_stroke(cr);
            double keep = w.y;
            w.y = kMargin;
            w.text("危急值", kPageW - kMargin - 70, 70, 14, true, PANGO_ALIGN_CENTER, kSans, false);
            w.y = keep;
            cairo_set_source_rgb(cr, 0, 0, 0);
        }
        w.y += 8;
        w.rule(1.2);
        w.y += 6;

        // Patient and study, three pairs per row.
        const std::vector<std::pair<std::string, std::string>> fields = {
            {"姓名", c.patient_name},      {"性别", c.patient_sex},        {"年龄", c.patient_age},
            {"患者编号", c.patient_id},    {"检查号", c.accession_number}, {"检查日期", c.study_date},
            {"检查类型", c.modality},      {"检查部位", c.body_part},      {"检查项目", c.study_description}};
        const double col = kTextW / 3;
        for (size_t i = 0; i < fields.size(); i += 3) {
            double row_h = 0;
            for (size_t j = i; j < i + 3 && j < fields.size(); ++j)
                row_h = std::max(row_h, w.text(fields[j].first + "：" + fields[j].second,
                                               kMargin + col * static_cast<double>(j - i), col - 6, 10.5,
                                               false, PANGO_ALIGN_LEFT, kSans, false));
            w.y += row_h + 3;
        }
        w.y += 3;
        w.rule(0.6);
        w.y += 10;

        auto section = [&](const std::string& heading, const std::string& body) {
            if (body.empty()) return;
            w.ensure(40);
            w.text(heading, kMargin, kTextW, 12, true);
            w.y += 3;
            w.text(body, kMargin + 14, kTextW - 14, 11.5);
            w.y += 12;
        };
        section("更正说明：", c.addendum_text);
        section("检查所见：", c.findings);
        section("诊断意见：", c.impression);
        section("建议：", c.recommendations);

        // Key images, up to four in a row.
        if (!c.key_images.empty()) {
            w.ensure(30);
            w.text("关键图像：", kMargin, kTextW, 12, true);
            w.y += 4;
            const double cell = (kTextW - 3 * 8) / 4;
            for (size_t i = 0; i < c.key_images.size(); i += 4) {
                w.ensure(cell + 20);
                for (size_t j = i; j < i + 4 && j < c.key_images.size(); ++j) {
                    KeyImage img = shrink(c.key_images[j]);
                    double scale = std::min(cell / img.width, cell / img.height);
                    double x = kMargin + static_cast<double>(j - i) * (cell + 8);
                    drawImage(cr, img, x + (cell - img.width * scale) / 2, w.y, img.width * scale,
                              img.height * scale);
                    double keep = w.y;
                    w.y += cell + 2;
                    w.text(img.caption, x, cell, 8, false, PANGO_ALIGN_CENTER, kSans, false);
                    w.y = keep;
                }
                w.y += cell + 16;
            }
        }

        // Signers and the QR code, kept together at the end.
        const double qr = 78;
        w.ensure(std::max(qr + 24, 22.0 * static_cast<double>(c.signers.size()) + 16));
        w.y += 4;
        w.rule(0.6);
        w.y += 8;
        double block_top = w.y;
        for (const auto& s : c.signers) {
            w.text(s.role + "：" + s.name + "　　" + s.signed_at, kMargin, kTextW - qr - 20, 11.5);
            w.y += 6;
        }
        if (!c.verify_url.empty()) {
            drawQr(cr, c.verify_url, kPageW - kMargin - qr, block_top, qr);
            double keep = w.y;
            w.y = block_top + qr + 2;
            w.text("扫码核验 " + c.report_id, kPageW - kMargin - qr - 60, qr + 60, 6.5, false,
                   PANGO_ALIGN_RIGHT, kSans, false);
            w.y = std::max(keep, block_top + qr + 12);
        }
        w.footer();
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            throw PdfError(std::string("drawing the report failed: ") + cairo_status_to_string(cairo_status(cr)));
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw PdfError(std::string("writing the PDF failed: ") +
                       cairo_status_to_string(cairo_surface_status(surface.get())));
    return out;
}

}  // namespace countyread::report
