// DOCX extraction: WordprocessingML parts from a bounded ZipArchive, parsed by pugixml (no DTD
// processing) and walked in reading order.
#include "ingest/docx.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "ingest/text_screen.h"
#include "ingest/zip_archive.h"

namespace rc::ingest {
namespace {

constexpr int kMaxXmlDepth = 200;

Status Damaged() { return DamagedDocx(); }

Result<std::unique_ptr<pugi::xml_document>> ParseXml(const std::string& data,
                                                     const std::string& part) {
  auto doc = std::make_unique<pugi::xml_document>();
  // parse_doctype keeps a DOCTYPE node so that it can be refused; pugixml never expands
  // entities declared in a DTD and never loads external ones.
  pugi::xml_parse_result parsed = doc->load_buffer(
      data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype,
      pugi::encoding_auto);
  if (!parsed) return Damaged();
  for (pugi::xml_node child : doc->children()) {
    if (child.type() == pugi::node_doctype) {
      return UnprocessableError("this Word file contains a document type declaration in " + part +
                                ", which Word never writes; it cannot be read safely");
    }
  }
  return doc;
}

// Local name of an element ("w:t" -> "t"): the prefix may vary between producers.
std::string_view LocalName(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

// w:val (any prefix).
std::string_view Val(pugi::xml_node node) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view n = a.name();
    if (n == "w:val" || n == "val" || (n.size() > 4 && n.substr(n.size() - 4) == ":val")) {
      return a.value();
    }
  }
  return {};
}

std::string_view Attr(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view n = a.name();
    size_t colon = n.find(':');
    if ((colon == std::string_view::npos ? n : n.substr(colon + 1)) == local) return a.value();
  }
  return {};
}

bool IsOn(pugi::xml_node toggle) {
  if (!toggle) return false;
  std::string_view v = Val(toggle);
  return !(v == "0" || v == "false" || v == "off");
}

// Run formatting that decides visibility; unset fields inherit.
struct RunProps {
  std::optional<bool> vanish;
  std::optional<std::string> color;  // RRGGBB or "auto"
  std::optional<int> half_points;

  void Overlay(const RunProps& o) {
    if (o.vanish) vanish = o.vanish;
    if (o.color) color = o.color;
    if (o.half_points) half_points = o.half_points;
  }
};

RunProps ReadRunProps(pugi::xml_node rpr) {
  RunProps p;
  if (!rpr) return p;
  if (pugi::xml_node v = Child(rpr, "vanish")) p.vanish = IsOn(v);
  if (pugi::xml_node v = Child(rpr, "specVanish"); v && IsOn(v)) p.vanish = true;
  if (pugi::xml_node c = Child(rpr, "color")) p.color = std::string(Val(c));
  if (pugi::xml_node s = Child(rpr, "sz")) {
    p.half_points = std::atoi(std::string(Val(s)).c_str());
  }
  return p;
}

// Parses "RRGGBB"; nullopt for "auto" or anything else.
std::optional<std::array<int, 3>> ParseRgb(std::string_view hex) {
  if (hex.size() != 6) return std::nullopt;
  std::array<int, 3> rgb{};
  for (int i = 0; i < 3; ++i) {
    char* end = nullptr;
    std::string byte(hex.substr(static_cast<size_t>(i) * 2, 2));
    long v = std::strtol(byte.c_str(), &end, 16);
    if (end != byte.c_str() + 2) return std::nullopt;
    rgb[static_cast<size_t>(i)] = static_cast<int>(v);
  }
  return rgb;
}

bool IsNearWhite(std::string_view hex) {
  auto rgb = ParseRgb(hex);
  return rgb && (*rgb)[0] >= 0xF0 && (*rgb)[1] >= 0xF0 && (*rgb)[2] >= 0xF0;
}

// True when a shading fill is dark enough for white text to show.
bool IsDarkFill(std::string_view hex) {
  auto rgb = ParseRgb(hex);
  if (!rgb) return false;
  double luma = 0.299 * (*rgb)[0] + 0.587 * (*rgb)[1] + 0.114 * (*rgb)[2];
  return luma < 160;
}

bool HasDarkShading(pugi::xml_node props) {
  if (!props) return false;
  pugi::xml_node shd = Child(props, "shd");
  return shd && IsDarkFill(Attr(shd, "fill"));
}

bool HasHighlight(pugi::xml_node rpr) {
  pugi::xml_node h = Child(rpr, "highlight");
  if (!h) return false;
  std::string_view v = Val(h);
  return !(v.empty() || v == "none" || v == "white");
}

// True for a VML colour ("#1f3864", "1f3864" or a few dark names) that white text shows on.
bool IsDarkVmlColor(std::string_view value) {
  if (value == "black" || value == "navy" || value == "maroon" || value == "green" ||
      value == "purple" || value == "teal" || value == "gray" || value == "olive") {
    return true;
  }
  if (!value.empty() && value.front() == '#') value.remove_prefix(1);
  size_t space = value.find(' ');  // "#376d8b [3204]"
  if (space != std::string_view::npos) value = value.substr(0, space);
  return IsDarkFill(value);
}

// Finds filled shapes (VML or DrawingML) and page backgrounds dark enough for white text to be
// read on them. Without page layout we cannot tell which text sits on which shape, so their
// presence makes white text count as visible (see docs/ingest.md).
class DarkShapeFinder : public pugi::xml_tree_walker {
 public:
  bool found() const { return found_; }

  bool for_each(pugi::xml_node& node) override {
    if (node.type() != pugi::node_element) return true;
    std::string_view n = LocalName(node);
    if (n == "background") {
      if (IsDarkFill(Attr(node, "color"))) found_ = true;
    } else if (n == "fill") {  // v:fill
      if (IsDarkVmlColor(Attr(node, "color"))) found_ = true;
    } else if (n == "solidFill" && LocalName(node.parent()) == "spPr") {
      for (pugi::xml_node c : node.children()) {
        std::string_view cn = LocalName(c);
        std::string_view v = Val(c);
        if ((cn == "srgbClr" && IsDarkFill(v)) ||
            (cn == "schemeClr" && v != "bg1" && v != "lt1" && v != "bg2" && v != "lt2")) {
          found_ = true;
        }
      }
    }
    if (IsDarkVmlColor(Attr(node, "fillcolor"))) found_ = true;
    return !found_;
  }

 private:
  bool found_ = false;
};

bool HasDarkShapes(pugi::xml_document& doc) {
  DarkShapeFinder finder;
  doc.traverse(finder);
  return finder.found();
}

// Character and paragraph styles, resolved through basedOn, plus document defaults.
class StyleSheet {
 public:
  void Load(const pugi::xml_document& doc) {
    pugi::xml_node styles = Child(doc, "styles");
    if (pugi::xml_node defaults = Child(styles, "docDefaults")) {
      defaults_ = ReadRunProps(Child(Child(defaults, "rPrDefault"), "rPr"));
    }
    for (pugi::xml_node s : styles.children()) {
      if (s.type() != pugi::node_element || LocalName(s) != "style") continue;
      std::string id(Attr(s, "styleId"));
      Entry e;
      e.own = ReadRunProps(Child(s, "rPr"));
      if (pugi::xml_node b = Child(s, "basedOn")) e.based_on = std::string(Val(b));
      entries_[id] = std::move(e);
    }
  }

  const RunProps& defaults() const { return defaults_; }

  // The style's run properties including those it inherits (cycles and depth are bounded).
  RunProps Resolve(const std::string& id) const {
    std::vector<const Entry*> chain;
    std::string current = id;
    for (int depth = 0; depth < 20 && !current.empty(); ++depth) {
      auto it = entries_.find(current);
      if (it == entries_.end()) break;
      chain.push_back(&it->second);
      current = it->second.based_on;
    }
    RunProps out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) out.Overlay((*it)->own);
    return out;
  }

 private:
  struct Entry {
    RunProps own;
    std::string based_on;
  };
  RunProps defaults_;
  std::map<std::string, Entry> entries_;
};

enum class Hidden { kNone, kVanish, kWhite, kTiny };

struct HiddenKind {
  const char* kind;
  const char* message;
};

HiddenKind Describe(Hidden h) {
  switch (h) {
    case Hidden::kVanish:
      return {"vanish", "Text marked as hidden in Word: readers do not see it, programs do."};
    case Hidden::kWhite:
      return {"white_text",
              "White or near-white text on a light background: invisible to "
              "readers, read by programs."};
    case Hidden::kTiny:
      return {"tiny_font",
              "Text in a font of 2 pt or smaller: too small for readers to see, "
              "read by programs."};
    case Hidden::kNone:
      break;
  }
  return {"hidden_text", "Hidden text."};
}

// Walks one WordprocessingML part in document order.
class PartWalker {
 public:
  // `white_may_show`: the document has dark shapes or background, so white text is not treated
  // as hidden.
  PartWalker(const StyleSheet& styles, std::string part_label, bool white_may_show)
      : styles_(styles), label_(std::move(part_label)), white_may_show_(white_may_show) {}

  Status Walk(pugi::xml_node root) { return Block(root, 0, false); }

  std::string& text() { return text_; }
  std::string& hidden() { return hidden_; }
  std::vector<Warning>& warnings() { return warnings_; }

 private:
  // Containers of paragraphs: body, cells, text boxes, content controls, headers.
  Status Block(pugi::xml_node node, int depth, bool dark) {
    if (depth > kMaxXmlDepth) {
      return UnprocessableError("this Word file is nested too deeply to be read safely");
    }
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = LocalName(c);
      if (n == "p") {
        RC_RETURN_IF_ERROR(Paragraph(c, depth + 1, dark));
      } else if (n == "tc") {
        RC_RETURN_IF_ERROR(Block(c, depth + 1, dark || HasDarkShading(Child(c, "tcPr"))));
      } else if (n == "tbl" || n == "tr" || n == "sdt" || n == "sdtContent" || n == "body" ||
                 n == "document" || n == "hdr" || n == "ftr" || n == "footnotes" ||
                 n == "endnotes" || n == "customXml" || n == "txbxContent" || n == "ins" ||
                 n == "smartTag" || n == "comments" || n == "comment") {
        RC_RETURN_IF_ERROR(Block(c, depth + 1, dark));
      } else if (n == "footnote" || n == "endnote") {
        std::string_view type = Attr(c, "type");
        if (type == "separator" || type == "continuationSeparator" ||
            type == "continuationNotice") {
          continue;
        }
        RC_RETURN_IF_ERROR(Block(c, depth + 1, dark));
      }
    }
    return Status::Ok();
  }

  Status Paragraph(pugi::xml_node p, int depth, bool dark) {
    ++paragraph_;
    pugi::xml_node ppr = Child(p, "pPr");
    paragraph_props_ = styles_.defaults();
    if (pugi::xml_node ps = Child(ppr, "pStyle")) {
      paragraph_props_.Overlay(styles_.Resolve(std::string(Val(ps))));
    }
    bool list_item = static_cast<bool>(Child(ppr, "numPr"));
    line_.clear();
    const size_t hidden_before = hidden_.size();
    RC_RETURN_IF_ERROR(Inline(p, depth + 1, dark || HasDarkShading(ppr)));
    FlushHidden();
    // Text boxes inside this paragraph were collected separately and follow it.
    std::string boxes = std::move(pending_boxes_);
    pending_boxes_.clear();
    bool blank = line_.find_first_not_of(" \t") == std::string::npos;
    if (list_item && !blank) text_ += "• ";
    if (!blank) text_ += line_;
    // A paragraph whose only text is hidden leaves no blank line behind.
    if (!blank || hidden_.size() == hidden_before) text_.push_back('\n');
    text_ += boxes;
    return Status::Ok();
  }

  // Inline content of a paragraph: runs, hyperlinks, fields, content controls.
  Status Inline(pugi::xml_node node, int depth, bool dark) {
    if (depth > kMaxXmlDepth) {
      return UnprocessableError("this Word file is nested too deeply to be read safely");
    }
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = LocalName(c);
      if (n == "r") {
        RC_RETURN_IF_ERROR(Run(c, depth + 1, dark));
      } else if (n == "hyperlink" || n == "fldSimple" || n == "smartTag" || n == "sdt" ||
                 n == "sdtContent" || n == "ins" || n == "customXml" || n == "moveTo" ||
                 n == "dir" || n == "bdo") {
        RC_RETURN_IF_ERROR(Inline(c, depth + 1, dark));
      } else if (n == "AlternateContent") {
        // Choice and Fallback carry the same content twice; read only the first.
        for (pugi::xml_node alt : c.children()) {
          if (alt.type() == pugi::node_element) {
            RC_RETURN_IF_ERROR(Inline(alt, depth + 1, dark));
            break;
          }
        }
      }
      // del, moveFrom (tracked deletions), pPr, proofErr, bookmarks: not part of the text.
    }
    return Status::Ok();
  }

  Status Run(pugi::xml_node r, int depth, bool dark) {
    pugi::xml_node rpr = Child(r, "rPr");
    RunProps props = paragraph_props_;
    if (pugi::xml_node rs = Child(rpr, "rStyle")) {
      props.Overlay(styles_.Resolve(std::string(Val(rs))));
    }
    props.Overlay(ReadRunProps(rpr));
    bool shaded = dark || HasDarkShading(rpr) || HasHighlight(rpr);
    Hidden hidden = Hidden::kNone;
    if (props.vanish.value_or(false)) {
      hidden = Hidden::kVanish;
    } else if (props.half_points && *props.half_points > 0 && *props.half_points <= 4) {
      hidden = Hidden::kTiny;
    } else if (props.color && IsNearWhite(*props.color) && !shaded && !white_may_show_) {
      hidden = Hidden::kWhite;
    }
    std::string piece;
    for (pugi::xml_node c : r.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = LocalName(c);
      if (n == "t") {
        std::string t = c.text().get();
        for (char& ch : t) {
          if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
        }
        if (Attr(c, "space") != "preserve") {
          size_t b = t.find_first_not_of(' ');
          size_t e = t.find_last_not_of(' ');
          t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
        }
        piece += t;
      } else if (n == "tab" || n == "ptab") {
        piece.push_back('\t');
      } else if (n == "br" || n == "cr") {
        piece.push_back('\n');
      } else if (n == "noBreakHyphen") {
        piece.push_back('-');
      } else if (n == "drawing" || n == "pict" || n == "AlternateContent" || n == "object") {
        RC_RETURN_IF_ERROR(TextBoxes(c, depth + 1, dark));
      }
    }
    if (piece.empty()) return Status::Ok();
    if (hidden == Hidden::kNone) {
      FlushHidden();
      line_ += piece;
    } else {
      if (hidden != hidden_kind_) FlushHidden();
      hidden_kind_ = hidden;
      hidden_run_ += piece;
    }
    return Status::Ok();
  }

  // Text boxes anchored in a run: their paragraphs follow the anchoring paragraph.
  Status TextBoxes(pugi::xml_node node, int depth, bool dark) {
    if (depth > kMaxXmlDepth) {
      return UnprocessableError("this Word file is nested too deeply to be read safely");
    }
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = LocalName(c);
      if (n == "Fallback") continue;  // duplicate of the Choice branch
      if (n == "txbxContent") {
        PartWalker inner(styles_, label_, white_may_show_);
        inner.paragraph_ = paragraph_;
        RC_RETURN_IF_ERROR(inner.Block(c, depth + 1, dark));
        pending_boxes_ += inner.text_;
        AppendHidden(inner.hidden_);
        for (Warning& w : inner.warnings_) warnings_.push_back(std::move(w));
        continue;
      }
      RC_RETURN_IF_ERROR(TextBoxes(c, depth + 1, dark));
      if (n == "AlternateContent") break;
    }
    return Status::Ok();
  }

  void AppendHidden(const std::string& s) {
    if (s.empty()) return;
    hidden_ += s;
    if (hidden_.back() != '\n') hidden_.push_back('\n');
  }

  void FlushHidden() {
    if (hidden_kind_ == Hidden::kNone) return;
    std::string trimmed = MakeExcerpt(hidden_run_, std::string::npos);
    if (!trimmed.empty()) {
      HiddenKind d = Describe(hidden_kind_);
      warnings_.push_back({d.kind, d.message, MakeExcerpt(trimmed),
                           label_ + ", paragraph " + std::to_string(paragraph_)});
      AppendHidden(trimmed);
      // Keep words apart where hidden text sat between visible words.
      if (!line_.empty() && line_.back() != ' ') line_.push_back(' ');
    }
    hidden_kind_ = Hidden::kNone;
    hidden_run_.clear();
  }

  const StyleSheet& styles_;
  std::string label_;
  bool white_may_show_;
  int paragraph_ = 0;
  RunProps paragraph_props_;
  std::string line_;
  std::string pending_boxes_;
  Hidden hidden_kind_ = Hidden::kNone;
  std::string hidden_run_;
  std::string text_;
  std::string hidden_;
  std::vector<Warning> warnings_;
};

// The main document part named in [Content_Types].xml, or an error when this ZIP is not a
// Word document.
Result<std::string> MainPartName(ZipArchive& zip) {
  RC_ASSIGN_OR_RETURN(std::optional<std::string> types, zip.Read("[Content_Types].xml"));
  Status not_word = UnsupportedMediaTypeError(
      "this ZIP file is not a Word document; upload a .docx, .pdf or .txt file");
  if (!types) return not_word;
  RC_ASSIGN_OR_RETURN(auto doc, ParseXml(*types, "[Content_Types].xml"));
  for (pugi::xml_node o : Child(*doc, "Types").children()) {
    if (LocalName(o) != "Override") continue;
    std::string_view type = Attr(o, "ContentType");
    if (type.find("wordprocessingml.document.main+xml") != std::string_view::npos ||
        type.find("wordprocessingml.template.main+xml") != std::string_view::npos ||
        type.find("ms-word.document.macroEnabled.main+xml") != std::string_view::npos ||
        type.find("ms-word.template.macroEnabledTemplate.main+xml") != std::string_view::npos) {
      std::string_view part = Attr(o, "PartName");
      while (!part.empty() && part.front() == '/') part.remove_prefix(1);
      return std::string(part);
    }
  }
  return not_word;
}

bool MatchesPart(const std::string& name, std::string_view prefix) {
  if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0) {
    return false;
  }
  if (name.compare(name.size() - 4, 4, ".xml") != 0) return false;
  return std::all_of(name.begin() + static_cast<long>(prefix.size()), name.end() - 4,
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Header or footer parts, in number order (header1.xml before header2.xml).
std::vector<std::string> NumberedParts(const std::vector<std::string>& names,
                                       std::string_view prefix) {
  std::vector<std::string> parts;
  for (const std::string& n : names) {
    if (MatchesPart(n, prefix)) parts.push_back(n);
  }
  std::sort(parts.begin(), parts.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return parts;
}

}  // namespace

Result<Document> ExtractDocx(std::string_view bytes, const Limits& limits) {
  RC_ASSIGN_OR_RETURN(std::unique_ptr<ZipArchive> zip, ZipArchive::Open(bytes, limits));
  RC_ASSIGN_OR_RETURN(std::string main_part, MainPartName(*zip));

  StyleSheet styles;
  RC_ASSIGN_OR_RETURN(std::optional<std::string> styles_xml, zip->Read("word/styles.xml"));
  if (styles_xml) {
    RC_ASSIGN_OR_RETURN(auto styles_doc, ParseXml(*styles_xml, "word/styles.xml"));
    styles.Load(*styles_doc);
  }

  Document out;
  out.format = Format::kDocx;
  out.pages = 1;
  std::set<std::string> seen_edges;  // headers/footers repeated for first/even pages

  // Parts in reading order: headers, body, notes, footers; then comments (hidden).
  struct Part {
    std::string name;
    std::string label;
    bool edge = false;    // header or footer: skipped when blank or repeated
    bool hidden = false;  // comments
    std::unique_ptr<pugi::xml_document> doc;
  };
  std::vector<Part> parts;
  for (const std::string& h : NumberedParts(zip->names(), "word/header")) {
    parts.push_back({h, "header (" + h + ")", true, false, nullptr});
  }
  parts.push_back({main_part, "body", false, false, nullptr});
  parts.push_back({"word/footnotes.xml", "footnotes", false, false, nullptr});
  parts.push_back({"word/endnotes.xml", "endnotes", false, false, nullptr});
  for (const std::string& f : NumberedParts(zip->names(), "word/footer")) {
    parts.push_back({f, "footer (" + f + ")", true, false, nullptr});
  }
  parts.push_back({"word/comments.xml", "comments", false, true, nullptr});
  bool white_may_show = false;
  for (Part& part : parts) {
    RC_ASSIGN_OR_RETURN(std::optional<std::string> xml, zip->Read(part.name));
    if (!xml) {
      if (part.name == main_part) return Damaged();
      continue;
    }
    RC_ASSIGN_OR_RETURN(part.doc, ParseXml(*xml, part.name));
    if (!part.hidden && HasDarkShapes(*part.doc)) white_may_show = true;
  }

  for (Part& part : parts) {
    if (!part.doc) continue;
    PartWalker walker(styles, part.label, white_may_show);
    RC_RETURN_IF_ERROR(walker.Walk(*part.doc));
    std::string& text = walker.text();
    bool blank = text.find_first_not_of(" \t\n") == std::string::npos;
    if (part.hidden) {
      if (!blank) {
        out.warnings.push_back({"comment",
                                "A comment stored in the file: not part of the printed resume, "
                                "but read by programs.",
                                MakeExcerpt(text), part.label});
        out.hidden_text += MakeExcerpt(text, std::string::npos) + "\n";
      }
      continue;
    }
    if (part.edge && (blank || !seen_edges.insert(text).second)) continue;
    out.text += text;
    out.hidden_text += walker.hidden();
    for (Warning& w : walker.warnings()) out.warnings.push_back(std::move(w));
  }

  // Document properties (title, subject, keywords, description) are not shown on the page;
  // report them only when they carry instructions for a screener.
  RC_ASSIGN_OR_RETURN(std::optional<std::string> core, zip->Read("docProps/core.xml"));
  if (core) {
    RC_ASSIGN_OR_RETURN(auto doc, ParseXml(*core, "docProps/core.xml"));
    std::string properties;
    for (pugi::xml_node c : Child(*doc, "coreProperties").children()) {
      std::string_view n = LocalName(c);
      if (n == "title" || n == "subject" || n == "keywords" || n == "description") {
        properties += c.text().get();
        properties += "\n";
      }
    }
    size_t before = out.warnings.size();
    FindInstructionLikePhrases(properties, "document properties", &out.warnings);
    if (out.warnings.size() > before) {
      for (size_t i = before; i < out.warnings.size(); ++i) {
        out.warnings[i].kind = "metadata";
        out.warnings[i].message =
            "The file's document properties (not shown on the page) address automated "
            "screening programs.";
        out.hidden_text += out.warnings[i].excerpt + "\n";
      }
    }
  }
  return out;
}

}  // namespace rc::ingest
