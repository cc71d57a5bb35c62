#include "viz/svg.hpp"

#include <gtest/gtest.h>

#include <string>

#include "viz/axes.hpp"

namespace mlsysim::viz {
namespace {

TEST(Svg, EscapesTextAndAttributes) {
  EXPECT_EQ(xml_escape("a < b & c > \"d\" 'e'"),
            "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;");
  EXPECT_EQ(xml_escape(std::string("bell\x07", 5)), "bell ");  // not allowed in XML 1.0
  Svg svg(100, 50, "<T&>");
  svg.text(1, 2, "x < y", {.cls = "a\"b"});
  const std::string out = svg.finish();
  EXPECT_NE(out.find("<title>&lt;T&amp;&gt;</title>"), std::string::npos);
  EXPECT_NE(out.find(">x &lt; y</text>"), std::string::npos);
  EXPECT_NE(out.find("class=\"a&quot;b\""), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 7), "</svg>\n");
}

TEST(Svg, NumbersAreShortAndDeterministic) {
  EXPECT_EQ(num(1.0), "1");
  EXPECT_EQ(num(1.239), "1.24");
  EXPECT_EQ(num(-0.001), "0");
  EXPECT_EQ(num(12.5), "12.5");
  EXPECT_EQ(num(1.0 / 0.0), "0");
}

TEST(Svg, TextWidthCountsCharactersNotBytes) {
  EXPECT_EQ(text_chars("abc"), 3U);
  EXPECT_EQ(text_chars("µs —"), 4U);
  EXPECT_DOUBLE_EQ(text_width("abcd", 10), 24.0);
  const Box b = text_box(100, 50, "abcd", {.anchor = Anchor::kMiddle, .size = 10});
  EXPECT_DOUBLE_EQ(b.x0, 88);
  EXPECT_DOUBLE_EQ(b.x1, 112);
  EXPECT_DOUBLE_EQ(b.y0, 42);
  EXPECT_DOUBLE_EQ(b.y1, 52);
  const Box v =
      text_box(20, 200, "abcd", {.anchor = Anchor::kMiddle, .size = 10, .vertical = true});
  EXPECT_DOUBLE_EQ(v.y0, 188);
  EXPECT_DOUBLE_EQ(v.y1, 212);
  EXPECT_DOUBLE_EQ(v.x0, 12);
}

TEST(Axes, SiLabels) {
  EXPECT_EQ(si_label(0), "0");
  EXPECT_EQ(si_label(0.5), "0.5");
  EXPECT_EQ(si_label(1), "1");
  EXPECT_EQ(si_label(250), "250");
  EXPECT_EQ(si_label(1000), "1k");
  EXPECT_EQ(si_label(2500), "2.5k");
  EXPECT_EQ(si_label(1e12), "1T");
  EXPECT_EQ(si_label(1e15), "1P");
  EXPECT_EQ(si_label(-20000), "-20k");
  EXPECT_EQ(si_label(0.002), "0.002");
  EXPECT_EQ(si_label(5e-4), "500µ");
}

TEST(Axes, NiceStepsAreOneTwoFive) {
  EXPECT_DOUBLE_EQ(nice_step(10, 5), 2);
  EXPECT_DOUBLE_EQ(nice_step(100, 4), 50);
  EXPECT_DOUBLE_EQ(nice_step(7, 7), 1);
  EXPECT_DOUBLE_EQ(nice_step(0.3, 6), 0.05);
}

TEST(Axes, LinearTicksCoverTheNiceDomain) {
  double lo = 0.0, hi = 2427.68;
  nice_linear_domain(lo, hi, 4, true);
  EXPECT_DOUBLE_EQ(lo, 0);
  EXPECT_DOUBLE_EQ(hi, 3000);
  const auto t = linear_ticks(lo, hi, 4);
  ASSERT_EQ(t.size(), 4U);
  EXPECT_EQ(t[0].label, "0");
  EXPECT_EQ(t[1].label, "1k");
  EXPECT_EQ(t[3].label, "3k");
  const auto fine = linear_ticks(0, 2.5, 5);
  ASSERT_EQ(fine.size(), 6U);
  EXPECT_EQ(fine[1].label, "0.5");
}

TEST(Axes, LogDomainAndTicks) {
  double lo = 0.9, hi = 128;
  nice_log_domain(lo, hi);
  EXPECT_DOUBLE_EQ(lo, 0.5);
  EXPECT_DOUBLE_EQ(hi, 200);
  const auto t = log_ticks(1, 1000);
  // 1, 2, 5, 10, ..., 500, 1000: decades labelled, 2 and 5 minor beyond two decades.
  ASSERT_EQ(t.size(), 10U);
  EXPECT_EQ(t[0].label, "1");
  EXPECT_EQ(t[1].label, "");
  EXPECT_EQ(t[3].label, "10");
  EXPECT_EQ(t[9].label, "1k");
  const auto few = log_ticks(1, 100);
  EXPECT_EQ(few[1].label, "2");  // two decades or fewer: 2 and 5 labelled too
}

TEST(Axes, ScalesMapLinearlyAndLogarithmically) {
  const Scale lin{false, 0, 10, 100, 200};
  EXPECT_DOUBLE_EQ(lin(5), 150);
  const Scale log{true, 1, 100, 0, 100};
  EXPECT_DOUBLE_EQ(log(10), 50);
}

TEST(Labels, NudgesShortensAndDrops) {
  Svg svg(200, 100, "t");
  LabelPlacer p(Box{0, 0, 200, 100});
  const TextStyle s{.size = 10};
  ASSERT_EQ(p.place(svg, 10, 50, "first", s), 50.0);
  // The same spot is taken: the second label moves by a line.
  const auto second = p.place(svg, 10, 50, "second", s);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(*second, 50.0);
  EXPECT_FALSE(text_box(10, *second, "second", s).overlaps(text_box(10, 50, "first", s)));
  // Too wide for the bounds: shortened with an ellipsis until it fits, or dropped.
  LabelPlacer narrow(Box{0, 0, 60, 20});
  Svg svg2(60, 20, "t");
  const auto y = narrow.place(svg2, 0, 15, "a rather long label", s);
  ASSERT_TRUE(y.has_value());
  EXPECT_NE(svg2.finish().find("…</text>"), std::string::npos);
  EXPECT_FALSE(narrow.place(svg2, 0, 15, "x", s, 0).has_value());  // that spot is taken
}

}  // namespace
}  // namespace mlsysim::viz
