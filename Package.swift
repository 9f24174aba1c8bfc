// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Winnow",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Winnow", targets: ["Winnow"]),
        .executable(name: "winnow", targets: ["winnow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CUtf8proc",
            providers: [.apt(["libutf8proc-dev"]), .brew(["utf8proc"])]
        ),
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"]), .brew(["jemalloc"])]
        ),
        .target(
            name: "Winnow",
            dependencies: ["CLibXML2", "CZlib", "CUtf8proc", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: ["Winnow", "CJemalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "WinnowLab",
            dependencies: ["Winnow"],
            path: "Benchmarks/Lab"
        ),
        .executableTarget(
            name: "winnow-bench",
            dependencies: ["Winnow", "WinnowLab", "CUtf8proc", "CJemalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/winnow-bench"
        ),
        .testTarget(
            name: "WinnowTests",
            dependencies: ["Winnow", "WinnowLab"]
        ),
    ]
)
