# An int-safe numeric loop: sums stay below 2**53, so the converted loop uses plain numbers.
total = 0
for i in range(30000000):
    total += i % 7
print(total)
