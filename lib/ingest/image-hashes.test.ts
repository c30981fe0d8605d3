import { describe, expect, it } from "vitest";
import { imageHashes, imagesChanged } from "./image-hashes";

describe("imageHashes", () => {
  const page = `<p>Text</p><figure><img src="https://kcna.example/photo/1.jpg" width="640" height="480" alt="Kim"></figure>
    <img alt="second" src='https://kcna.example/photo/2.jpg'>`;

  it("hashes each photo's address and size in page order, and nothing for a text-only item", () => {
    const hashes = imageHashes(page)!;
    expect(hashes).toHaveLength(2);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    expect(imageHashes("<p>No photo</p>")).toEqual([]);
    expect(imageHashes(null)).toBeNull();
  });

  it("sees a photo replaced or resized as a change, the same photos as none", () => {
    const before = imageHashes(page);
    expect(imagesChanged(before, imageHashes(page))).toBe(false);
    expect(imagesChanged(before, imageHashes(page.replace("1.jpg", "1b.jpg")))).toBe(true);
    expect(imagesChanged(before, imageHashes(page.replace('width="640"', 'width="600"')))).toBe(true);
    // Nothing recorded on one side (a version from a feed's text) is no evidence either way.
    expect(imagesChanged(null, before)).toBe(false);
  });
});
