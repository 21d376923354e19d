# The articles' loop: i + i**2 + i**3 accumulated past 2**53, exactly.
res = 0
for i in range(3000000):
    res += i + i**2 + i**3
print(res)
