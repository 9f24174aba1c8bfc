// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for Winnow's readers, normaliser and teaser detector. Built apart from the main
// package, with sanitizers, by `make fuzz`:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
let targets = ["FuzzJSONL", "FuzzXML", "FuzzHTML", "FuzzNormalize", "FuzzTeasers"]

let package = Package(
    name: "WinnowFuzz",
    dependencies: [.package(name: "Winnow", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Winnow", package: "Winnow")]),
    ] + targets.map {
        .executableTarget(name: $0, dependencies: ["FuzzSupport", .product(name: "Winnow", package: "Winnow")])
    }
)
